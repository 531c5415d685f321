"""Notifications: recorded with their cause, shown under the bell, delivered by email and by the team's
企业微信 / 钉钉 / 飞书 robots in the formats and signatures those platforms document — at most once, retried
with back-off, never inside a web request, never showing a robot's secret."""

import base64
import datetime
import hashlib
import hmac
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import pytest
from django.core import mail
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from projects.notices.channels import robots
from projects.notices.delivery import deliver_due
from projects.notices.models import Delivery, Notice, NoticePreference, TeamRobot
from projects.notices.record import after_quiet_hours
from projects.plans import review

from .conftest import client_for


class Robot(BaseHTTPRequestHandler):
    """The three platforms' robot endpoints on 127.0.0.1, recording what they receive."""

    received: list = []
    status = 200

    def log_message(self, *args):
        pass

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        Robot.received.append((self.path, body))
        answer = json.dumps({"errcode": 0, "code": 0}).encode()
        self.send_response(Robot.status)
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)


@pytest.fixture
def robot_server(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), Robot)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    Robot.received, Robot.status = [], 200
    host = f"127.0.0.1:{server.server_port}"
    settings.NOTICE_ROBOT_EXTRA_HOSTS = [host]
    yield f"http://{host}"
    server.shutdown()


def submit(org):
    org.lead.email = "lead@example.com"
    org.lead.save()
    return review.plan_submit(project=org.project, by=org.rep)


@pytest.mark.django_db
def test_a_submitted_plan_tells_its_managers_and_a_decision_tells_the_rep(org):
    submission = submit(org)
    assert set(Notice.objects.values_list("recipient__username", "kind")) == {
        ("lead", "plan_submitted"),
        ("director", "plan_submitted"),
    }
    lead = client_for(org.lead)
    assert "badge-count" in lead.get(reverse("notice_count")).text
    page = lead.get(reverse("notice_list")).text
    assert "小张提交了" in page and org.project.name in page

    review.plan_return(submission=submission, by=org.lead, reason="缺少高层关系的策划")
    returned = Notice.objects.get(recipient=org.rep)
    assert returned.kind == "plan_returned"
    rep = client_for(org.rep)
    assert "缺少高层关系的策划" in rep.get(reverse("notice_list")).text
    assert rep.get(reverse("notice_open", args=[returned.pk])).status_code == 405  # a GET never writes
    opened = rep.post(reverse("notice_open", args=[returned.pk]))
    assert opened.status_code == 302 and opened["Location"] == reverse("plan", args=[org.project.pk])
    returned.refresh_from_db()
    assert returned.read_at is not None
    assert client_for(org.stranger).post(reverse("notice_open", args=[returned.pk])).status_code == 404


@pytest.mark.django_db
def test_the_same_event_recorded_twice_is_one_notice(org):
    from projects.notices.record import notify
    from projects.rules.base import Text

    for _ in range(2):
        notify("plan_approved", [org.rep], Text("hello"), "/", key="twice")
    assert Notice.objects.filter(key="twice").count() == 1


@pytest.mark.django_db
def test_email_goes_out_from_the_worker_in_chinese_with_a_link(org, settings):
    settings.SITE_URL = "https://crm.example.com"
    submit(org)
    assert mail.outbox == []  # nothing is sent inside the request that recorded it

    counts = deliver_due()

    assert counts["sent"] == 1
    (message,) = mail.outbox
    assert message.to == ["lead@example.com"] and "计划待您审阅" in message.subject
    assert f"https://crm.example.com/projects/{org.project.pk}/plan/" in message.body
    assert "小张提交了" in message.alternatives[0][0]
    assert deliver_due()["sent"] == 0  # sent once


def dingtalk_expected(secret: str, timestamp_ms: int) -> str:
    # The documented algorithm, written out independently: HMAC-SHA256 over "timestamp\nsecret", Base64.
    string_to_sign = f"{timestamp_ms}\n{secret}"
    return base64.b64encode(
        hmac.new(secret.encode("utf-8"), string_to_sign.encode("utf-8"), hashlib.sha256).digest()
    ).decode()


def feishu_expected(secret: str, timestamp_s: int) -> str:
    # Feishu keys the HMAC with "timestamp\nsecret" and signs an empty message.
    key = f"{timestamp_s}\n{secret}".encode()
    return base64.b64encode(hmac.new(key, digestmod=hashlib.sha256).digest()).decode()


def test_the_signatures_follow_the_platforms_documented_algorithms():
    assert robots.dingtalk_sign("SEC-test", 1700000000000) == dingtalk_expected("SEC-test", 1700000000000)
    assert robots.feishu_sign("feishu-secret", 1700000000) == feishu_expected("feishu-secret", 1700000000)
    url, body = robots.request_for(
        "dingtalk",
        "https://oapi.dingtalk.com/robot/send?access_token=T",
        "SEC-test",
        "标题",
        "内容",
        "https://x/",
        now=1700000000.0,
    )
    query = parse_qs(urlparse(url).query)
    assert query["timestamp"] == ["1700000000000"] and query["sign"] == [
        dingtalk_expected("SEC-test", 1700000000000)
    ]
    assert body["msgtype"] == "markdown" and "标题" in body["markdown"]["title"]
    _url, body = robots.request_for(
        "feishu",
        "https://open.feishu.cn/open-apis/bot/v2/hook/x",
        "feishu-secret",
        "标题",
        "内容",
        "https://x/",
        now=1700000000.0,
    )
    assert body["timestamp"] == "1700000000" and body["sign"] == feishu_expected("feishu-secret", 1700000000)
    assert body["msg_type"] == "text" and "内容" in body["content"]["text"]
    _url, body = robots.request_for(
        "wecom", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=K", "", "标题", "内容", "https://x/"
    )
    assert body == {
        "msgtype": "markdown",
        "markdown": {"content": "**标题**\n内容\n[https://x/](https://x/)"},
    }


@pytest.mark.django_db
def test_the_teams_robots_post_signed_messages_to_the_group(org, robot_server):
    for kind in ("wecom", "dingtalk", "feishu"):
        TeamRobot.objects.create(
            team=org.team,
            kind=kind,
            name=kind,
            url=f"{robot_server}/{kind}?access_token=t",
            secret="SEC" if kind != "wecom" else "",
        )
    NoticePreference.objects.create(user=org.lead, channels={"plan_submitted": ["robot"]})
    submit(org)

    assert deliver_due()["sent"] == 3

    by_path = {urlparse(path).path: (parse_qs(urlparse(path).query), body) for path, body in Robot.received}
    query, body = by_path["/dingtalk"]
    assert query["sign"] == [dingtalk_expected("SEC", int(query["timestamp"][0]))]
    _query, body = by_path["/feishu"]
    assert body["sign"] == feishu_expected("SEC", int(body["timestamp"]))
    _query, body = by_path["/wecom"]
    assert "计划待您审阅" in body["markdown"]["content"]


@pytest.mark.django_db
def test_a_failing_robot_is_retried_with_back_off_then_given_up_and_nothing_is_lost(
    org, robot_server, caplog
):
    TeamRobot.objects.create(
        team=org.team, kind="feishu", name="群", url=f"{robot_server}/hook", secret="TOP-SECRET-9"
    )
    NoticePreference.objects.create(user=org.lead, channels={"plan_submitted": ["robot"]})
    submit(org)
    Robot.status = 500

    assert deliver_due()["failed"] == 1
    delivery = Delivery.objects.get()
    assert delivery.status == "failed" and delivery.due_at > timezone.now()
    assert deliver_due()["failed"] == 0  # not due again yet
    for _ in range(5):
        Delivery.objects.update(due_at=timezone.now())
        deliver_due()
    delivery.refresh_from_db()
    assert delivery.status == "given_up" and delivery.attempts == 6 and "500" in delivery.last_error
    assert "TOP-SECRET-9" not in caplog.text and robot_server not in caplog.text
    Robot.status = 200


@pytest.mark.django_db(transaction=True)
def test_two_workers_racing_send_each_delivery_once(org, robot_server):
    TeamRobot.objects.create(team=org.team, kind="wecom", name="群", url=f"{robot_server}/hook")
    NoticePreference.objects.create(
        user=org.lead, channels={"plan_submitted": ["robot"], "plan_commented": ["robot"]}
    )
    submit(org)
    start = threading.Barrier(2)

    def worker():
        start.wait()
        deliver_due()
        connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(Robot.received) == Delivery.objects.count() == 1
    assert Delivery.objects.get().status == "sent"


def test_quiet_hours_hold_email_until_they_end():
    preference = NoticePreference(quiet_from=datetime.time(22, 0), quiet_until=datetime.time(8, 0))
    late = timezone.make_aware(datetime.datetime(2026, 12, 2, 23, 30))
    morning = timezone.make_aware(datetime.datetime(2026, 12, 3, 8, 0))
    assert after_quiet_hours(preference, late) == morning
    noon = timezone.make_aware(datetime.datetime(2026, 12, 2, 12, 0))
    assert after_quiet_hours(preference, noon) == noon


@pytest.mark.django_db
def test_a_leader_adds_a_robot_whose_address_and_secret_never_show_again(org):
    client = client_for(org.lead)
    url = reverse("team_robots", args=[org.team.pk])
    refused = client.post(
        url, {"name": "群", "kind": "dingtalk", "url": "http://10.0.0.5/admin", "secret": "x"}
    )
    assert refused.status_code == 422 and not TeamRobot.objects.exists()
    address = "https://oapi.dingtalk.com/robot/send?access_token=ABCDEF123456"
    assert (
        client.post(
            url, {"name": "电网一组群", "kind": "dingtalk", "url": address, "secret": "SECxyz789"}
        ).status_code
        == 302
    )
    page = client.get(url).text
    assert "电网一组群" in page and "ABCDEF123456" not in page and "SECxyz789" not in page
    assert client_for(org.rep).get(url).status_code == 404
    org.lead.is_staff = org.lead.is_superuser = True
    org.lead.save()
    robot = TeamRobot.objects.get()
    admin_page = client_for(org.lead).get(reverse("admin:projects_teamrobot_change", args=[robot.pk]))
    assert admin_page.status_code == 200
    assert "SECxyz789" not in admin_page.text and "ABCDEF123456" not in admin_page.text


@pytest.mark.django_db
def test_people_choose_their_channels_and_quiet_hours(org):
    client = client_for(org.rep)
    response = client.post(
        reverse("notice_settings"),
        {
            "email": "rep@example.com",
            "kind_plan_returned": ["email", "robot"],
            "quiet_from": "22:00",
            "quiet_until": "07:30",
        },
    )
    assert response.status_code == 302
    preference = NoticePreference.objects.get(user=org.rep)
    assert (
        preference.channels["plan_returned"] == ["email", "robot"]
        and preference.channels["plan_submitted"] == []
    )
    assert str(preference.quiet_until) == "07:30:00"
    org.rep.refresh_from_db()
    assert org.rep.email == "rep@example.com"
