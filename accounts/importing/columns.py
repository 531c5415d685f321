"""The columns of a customer list as people write them: each field we read and the headers that name it."""

import unicodedata
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Column:
    key: str
    label: Any
    headers: tuple[str, ...]  # as normalise_header leaves them


COLUMNS = (
    Column(
        "account",
        _("Account name"),
        (
            "客户名称",
            "客户",
            "客户全称",
            "单位名称",
            "单位",
            "公司名称",
            "公司",
            "企业名称",
            "account",
            "customer",
        ),
    ),
    Column("industry", _("Industry"), ("行业", "所属行业", "industry")),
    Column("region", _("Region"), ("区域", "地区", "省份", "所在地区", "所属区域", "region")),
    Column("contact", _("Contact name"), ("联系人", "联系人姓名", "姓名", "名字", "contact", "name")),
    Column("title", _("Title"), ("职务", "职位", "岗位", "头衔", "title")),
    Column("department", _("Department"), ("部门", "所在部门", "科室", "department")),
    Column("level", _("Level"), ("层级", "级别", "职级", "level")),
    Column("function", _("Function"), ("职能", "条线", "function")),
    Column("phone", _("Mobile"), ("手机", "手机号", "手机号码", "电话", "联系电话", "mobile", "phone")),
    Column("wechat", _("WeChat"), ("微信", "微信号", "wechat")),
    Column("email", _("Email"), ("邮箱", "电子邮箱", "邮件", "email", "e-mail")),
    Column("reports_to", _("Reports to"), ("上级", "直属上级", "汇报对象", "汇报给", "reportsto")),
    Column("personality", _("Personality"), ("性格", "personality")),
    Column("notes", _("Notes"), ("备注", "说明", "notes")),
)
BY_KEY = {column.key: column for column in COLUMNS}
REQUIRED = ("account",)


def normalise(text: str) -> str:
    """How two spellings of one name compare: full-width folded (NFKC), case and spaces ignored."""
    return "".join(unicodedata.normalize("NFKC", text).casefold().split())


def normalise_header(text: str) -> str:
    return normalise(text).strip("*:：()（）")


HEADER_TO_KEY = {header: column.key for column in COLUMNS for header in column.headers}


def guess_mapping(headers: list[str]) -> dict[int, str]:
    """Column index → field, from the headers; each field taken by the first column that names it."""
    mapping: dict[int, str] = {}
    for index, header in enumerate(headers):
        key = HEADER_TO_KEY.get(normalise_header(header))
        if key and key not in mapping.values():
            mapping[index] = key
    return mapping
