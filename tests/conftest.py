from dataclasses import dataclass

import pytest
from django.test import Client
from django.utils import translation

from salescamp.models import Rank

from .factories import (
    AccountFactory,
    ActivityFactory,
    ChainMemberFactory,
    ContactFactory,
    EngagementFactory,
    InternalSaleFactory,
    MembershipFactory,
    PainFactory,
    ProjectFactory,
    TeamFactory,
    UserFactory,
)


@pytest.fixture(autouse=True)
def _chinese_by_default():
    # Requests negotiate their own language; this keeps code outside requests in the default one too.
    with translation.override("zh-hans"):
        yield


@dataclass
class Org:
    """Two sibling teams under one director, and the people who matter for access rules."""

    director: object
    lead: object
    rep: object
    teammate: object
    stranger: object
    team: object
    other_team: object
    account: object
    boss: object
    contact: object
    project: object = None
    member: object = None
    pain: object = None
    activity: object = None
    engagement: object = None
    internal_sale: object = None


@pytest.fixture
def org(db) -> Org:
    director = UserFactory(username="director", rank=Rank.DIRECTOR, display_name="陈总监")
    lead = UserFactory(username="lead", rank=Rank.TEAM_LEAD, display_name="王组长")
    rep = UserFactory(username="rep", display_name="小张")
    teammate = UserFactory(username="teammate", display_name="小王")
    stranger = UserFactory(username="stranger", display_name="小李")
    division = TeamFactory(name="事业部", leader=director)
    team = TeamFactory(name="电网一组", leader=lead, parent=division)
    other_team = TeamFactory(name="电网二组", parent=division)
    for user in (lead, rep, teammate):
        MembershipFactory(user=user, team=team)
    MembershipFactory(user=stranger, team=other_team)
    account = AccountFactory(name="国网东北分部", team=team)
    boss = ContactFactory(account=account, name="赵副总", title="采购副总", level=3, function="procurement")
    contact = ContactFactory(
        account=account, name="刘组长", title="采购组长", level=2, function="procurement", reports_to=boss
    )
    org = Org(director, lead, rep, teammate, stranger, team, other_team, account, boss, contact)
    org.project = ProjectFactory(account=account, team=team, owner=rep, name="配电自动化项目")
    for number in (1, 2, 3, 4):
        org.project.control_points.create(number=number)
    org.member = ChainMemberFactory(project=org.project, contact=contact, roles=["bridge"])
    ChainMemberFactory(project=org.project, contact=boss)
    org.pain = PainFactory(member=org.member)
    org.activity = ActivityFactory(project=org.project)
    org.activity.contacts.add(contact)
    org.activity.our_people.add(rep)
    org.engagement = EngagementFactory(project=org.project, user=rep)
    org.internal_sale = InternalSaleFactory(project=org.project)
    return org


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def rep_client(org) -> Client:
    return client_for(org.rep)
