"""A team's group robots from outside: the worker posts to the address a leader typed, so only the platforms'
own robot hosts are accepted, read the way the sender reads them (no user part, no other port, nothing a
second URL parser could read as another host); and removing a robot takes only an id of the team's own."""

import pytest
from django.urls import reverse

from projects.notices.channels import robots
from projects.notices.models import TeamRobot

from .conftest import client_for

PLATFORM = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc"
REFUSED_ADDRESSES = [
    "http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc",  # not TLS
    "https://qyapi.weixin.qq.com.evil.example/x",
    "https://qyapi.weixin.qq.com@evil.example/x",
    "https://evil.example#@qyapi.weixin.qq.com/",
    "https://evil.example?@qyapi.weixin.qq.com/",
    # The check's parser reads the host after the last "@", urllib's sender reads all of it: never let
    # the two disagree, whatever DNS makes of the sender's reading today.
    "https://127.0.0.1\\@qyapi.weixin.qq.com/cgi-bin/webhook/send",
    "https://10.0.0.5:80\\@qyapi.weixin.qq.com/cgi-bin/webhook/send",
    "https://user:pw@qyapi.weixin.qq.com/cgi-bin/webhook/send",
    "https://qyapi.weixin.qq.com:8443/cgi-bin/webhook/send",  # the platform's host on a port it never uses
    "https://qyapi.weixin.qq.com:0/x",
    "https://127.0.0.1/",
    "https://[::1]/",
    "https://169.254.169.254/latest/meta-data/",
    "https://oapi.dingtalk.com/robot/send",  # another platform's host for a 企业微信 robot
    "file:///etc/passwd",
    "gopher://qyapi.weixin.qq.com/",
]


@pytest.mark.parametrize("address", REFUSED_ADDRESSES)
def test_only_the_platforms_robot_hosts_are_accepted_as_the_sender_reads_them(address):
    assert robots.allowed("wecom", PLATFORM)
    assert robots.allowed("wecom", "https://QYAPI.weixin.qq.com:443/cgi-bin/webhook/send?key=abc")
    assert not robots.allowed("wecom", address)
    with pytest.raises(robots.SendFailed):
        robots.send("wecom", address, "", "标题", "正文", "/")


@pytest.mark.django_db
@pytest.mark.parametrize("address", REFUSED_ADDRESSES[:10])
def test_the_robot_form_refuses_other_addresses_beside_the_field(org, address):
    client = client_for(org.lead)
    response = client.post(
        reverse("team_robots", args=[org.team.pk]), {"name": "群", "kind": "wecom", "url": address}
    )
    assert response.status_code == 422 and not TeamRobot.objects.exists()


@pytest.mark.django_db
def test_removing_a_robot_takes_only_an_id_of_the_teams_own_robots(org):
    ours = TeamRobot.objects.create(team=org.team, kind="wecom", name="一组群", url=PLATFORM)
    theirs = TeamRobot.objects.create(team=org.other_team, kind="wecom", name="二组群", url=PLATFORM)
    client = client_for(org.lead)
    url = reverse("team_robots", args=[org.team.pk])
    for odd in ("²", "٣", "１", "9" * 5000, str(2**63), "-1", "1e3", " ", "\x00", str(theirs.pk)):
        response = client.post(url, {"remove": odd})
        assert response.status_code in (302, 422), (repr(odd[:10]), response.status_code)
        assert TeamRobot.objects.count() == 2
    assert client.post(url, {"remove": str(ours.pk)}).status_code == 302
    assert list(TeamRobot.objects.all()) == [theirs]
