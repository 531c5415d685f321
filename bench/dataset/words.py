"""The sizes of the dataset and the words its rows are made of."""

from zoneinfo import ZoneInfo

REPS = 50
TEAMS = 7
ACCOUNTS = 2_000
CONTACTS_PER_ACCOUNT = 10
PROJECTS_PER_REP = 100
ACTIVITIES = 100_000
VISIT_SHEETS = 20_000
BIG_CHAIN = 60  # the big plan (its PDF has a goal of its own)
BIG_ACTIVITIES = 150
HUGE_CHAIN = 1_000  # the 1,000-contact project (its page has a goal of its own)
HUGE_ACTIVITIES = 1_000
PASSWORD = "bench-2026"
SHANGHAI = ZoneInfo("Asia/Shanghai")

SURNAMES = (
    "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜谢邹喻柏水窦章云苏潘葛范彭郎鲁韦马"
)
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红玉兰海波宁鹏飞"
REGIONS = ["东北", "华北", "华东", "华南", "华中", "西南", "西北"]
INDUSTRIES = ["电力", "电网", "石化", "煤炭", "轨道交通", "水务", "冶金", "通信"]
ORG_WORDS = ["分公司", "集团", "研究院", "供电局", "检修公司", "建设公司", "物资公司", "设计院"]
TITLES = {
    4: ["总经理", "董事长"],
    3: ["副总经理", "总工程师", "总会计师"],
    2: ["主任", "处长", "部长"],
    1: ["专责", "工程师", "主管"],
}
DEPARTMENTS = ["物资部", "生产技术部", "调度控制中心", "信息通信公司", "发展策划部", "财务部", ""]
FUNCTIONS = ["technical", "procurement", "user", "finance", "planning", "management"]
PERSONALITIES = ["unknown", "peacock", "tiger", "owl", "koala"]
STAGES = ["lead"] * 2 + ["opportunity"] * 3 + ["tender"] * 2 + ["negotiation"] * 2 + ["signed", "delivery"]
STAGES += ["won"] * 2 + ["lost"] * 2
KINDS = ["visit"] * 10 + ["phone"] * 3 + ["tech_exchange"] * 2 + ["business_talk"] * 2
KINDS += ["site_visit", "exec_meeting", "banquet", "dinner", "gift"]
TOPICS = ["product_features", "roi", "long_term_value", "peer_competition", "success_case", "private"]
RESOURCES = ["info.success_case", "info.professional", "info.competitive", "enterprise.project_success"]
PAIN_KINDS = ["reliability", "innovation", "commercial", "career", "risk", "efficiency", "other"]
PAINS = [
    "设备故障率偏高，年度考核压力大",
    "新项目需要出成果、发论文",
    "预算紧，价格必须有竞争力",
    "明年想提副处，需要亮点项目",
    "怕出事，要一个稳妥的方案",
    "运维人手不够，希望降本增效",
]
HOOKS = ["下周送成功案例资料", "约技术交流会", "带总监拜访", "安排考察样板工程", "回复报价细节", ""]
PROJECT_WORDS = ["配网自动化", "变电站改造", "智能巡检", "集采框架", "数字化平台"]
GOALS = ["了解需求", "建立关系", "推动技术交流", "确认采购流程", "争取参数写入标书", "高层会晤铺垫"]
