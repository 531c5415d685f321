"""A leader asked to take a relationship (狐假虎威): the parity advice names the leader of ours senior enough,
one tap asks them, the leader answers on their desk; accepted, they own the relationship and the warning
goes; a meeting already planned with them reads 已安排 instead of a warning."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from projects.deals.models import ChainMember, RelationshipRequest, RequestStatus
from projects.notices.models import Notice, NoticeKind
from projects.rules.base import Text
from projects.stored_warnings.models import CurrentWarning
from projects.stored_warnings.refresh import refresh

from .conftest import client_for
from .factories import ActivityFactory
from .test_plan_pdf import pdf_text

pytestmark = pytest.mark.django_db


def said(notice) -> str:
    with translation.override("zh-hans"):
        return str(Text.from_data(notice.message))


def boss_member(org) -> ChainMember:
    return ChainMember.objects.get(project=org.project, contact=org.boss)


def stored_codes(org) -> set[str]:
    return set(
        CurrentWarning.objects.filter(project=org.project, subject_id=str(org.boss.pk)).values_list(
            "code", flat=True
        )
    )


def page(client, org) -> str:
    return client.get(reverse("project_detail", args=[org.project.pk])).content.decode()


def ask(client, member, leader):
    return client.post(reverse("relationship_ask", args=[member.pk]), {"leader": leader.pk})


def test_the_advice_names_the_team_leader_and_one_tap_asks_him(org):
    rep = client_for(org.rep)
    html = page(rep, org)
    assert "请王组长接这条关系" in html  # 赵副总 (高层) needs a team lead; 王组长 leads the rep's team

    response = ask(rep, boss_member(org), org.lead)

    assert response.status_code == 302
    request = RelationshipRequest.objects.get()
    assert (request.leader, request.asked_by, request.status) == (org.lead, org.rep, RequestStatus.PENDING)
    notice = Notice.objects.get(kind=NoticeKind.RELATIONSHIP_ASKED)
    assert notice.recipient == org.lead and "赵副总" in said(notice)
    html = page(rep, org)
    assert "已请王组长接这条关系" in html
    card = html.split(f'id="member-{org.boss.pk}"')[1].split("</article>")[0]
    assert "ask-leader" not in card  # asked once: no second button while waiting


def test_the_leader_takes_it_from_the_desk_and_the_warning_goes(org):
    ask(client_for(org.rep), boss_member(org), org.lead)
    assert "PARITY_GAP" in stored_codes(org)
    lead = client_for(org.lead)
    desk = lead.get(reverse("desk")).content.decode()
    assert "请你接的客户关系" in desk and "赵副总" in desk
    request = RelationshipRequest.objects.get()

    response = lead.post(reverse("relationship_answer", args=[request.pk]), {"decision": "accept"})

    assert response.status_code == 302
    assert boss_member(org).owner == org.lead
    assert "PARITY_GAP" not in stored_codes(org)
    assert "请王组长接这条关系" not in page(client_for(org.rep), org)
    answered = Notice.objects.get(kind=NoticeKind.RELATIONSHIP_ANSWERED)
    assert answered.recipient == org.rep and "王组长" in said(answered)
    assert 'id="requests"' not in lead.get(reverse("desk")).content.decode()


def test_a_decline_needs_a_reason_and_the_rep_reads_it(org):
    ask(client_for(org.rep), boss_member(org), org.lead)
    request = RelationshipRequest.objects.get()
    lead = client_for(org.lead)
    url = reverse("relationship_answer", args=[request.pk])

    lead.post(url, {"decision": "decline", "reason": "  "})
    assert RelationshipRequest.objects.get().status == RequestStatus.PENDING

    lead.post(url, {"decision": "decline", "reason": "下周出差，请陈总监出面"})
    request.refresh_from_db()
    assert request.status == RequestStatus.DECLINED
    assert boss_member(org).owner is None
    notice = Notice.objects.get(kind=NoticeKind.RELATIONSHIP_ANSWERED)
    assert notice.recipient == org.rep and "下周出差，请陈总监出面" in said(notice)
    # The advice names the leader again: the rep may ask once more, or ask someone else.
    assert "请王组长接这条关系" in page(client_for(org.rep), org)


def test_only_the_asked_leader_answers(org):
    ask(client_for(org.rep), boss_member(org), org.lead)
    request = RelationshipRequest.objects.get()
    url = reverse("relationship_answer", args=[request.pk])
    for user in (org.rep, org.director, org.teammate, org.stranger):
        assert client_for(user).post(url, {"decision": "accept"}).status_code == 404
    assert RelationshipRequest.objects.get().status == RequestStatus.PENDING


def test_a_leader_outside_the_line_or_not_senior_enough_cannot_be_asked(org):
    member = boss_member(org)
    rep = client_for(org.rep)
    ask(rep, member, org.stranger)  # another team's rep
    ask(rep, member, org.teammate)  # same team, a rep: not at parity with a 副总
    assert not RelationshipRequest.objects.exists()
    ask(rep, member, org.director)  # the director above is in the line, and senior enough
    assert RelationshipRequest.objects.get().leader == org.director


def test_a_double_tap_asks_once(org):
    rep = client_for(org.rep)
    ask(rep, boss_member(org), org.lead)
    second = ask(rep, boss_member(org), org.lead)
    assert second.status_code == 302
    assert RelationshipRequest.objects.count() == 1
    assert Notice.objects.filter(kind=NoticeKind.RELATIONSHIP_ASKED).count() == 1


def test_a_stranger_cannot_ask_for_someone_elses_relationship(org):
    assert ask(client_for(org.stranger), boss_member(org), org.lead).status_code == 404
    assert not RelationshipRequest.objects.exists()


def test_a_banquet_planned_with_the_team_lead_reads_arranged(org):
    in_ten_days = timezone.localdate() + datetime.timedelta(days=10)
    banquet = ActivityFactory(project=org.project, kind="banquet", done=False, date=in_ten_days)
    banquet.contacts.add(org.boss)
    banquet.our_people.add(org.rep, org.lead)
    refresh([org.project.pk])  # factories write outside a user's action: the stored warnings follow at commit

    codes = stored_codes(org)
    assert "PARITY_GAP" not in codes and "PARITY_ARRANGED" in codes
    rep = client_for(org.rep)
    html = page(rep, org)
    assert "已安排：王组长将于" in html
    assert "请王组长接这条关系" not in html
    printed = pdf_text(rep.get(reverse("plan_pdf", args=[org.project.pk])).content)
    assert "已安排对等领导会面" in printed.replace("\n", "")
