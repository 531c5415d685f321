"""A factory per model. `.build()` where no database is needed."""

import datetime
from decimal import Decimal

import factory

from accounts.models import Account, Contact, Function, Level, Personality
from projects.deals.models import (
    Activity,
    Ask,
    ChainMember,
    ControlPoint,
    Engagement,
    InternalSale,
    Pain,
    Project,
    Stage,
    TeamThresholds,
)
from salescamp.models import Membership, Rank, Team, User


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    display_name = factory.Sequence(lambda n: f"销售{n}")
    rank = Rank.REP
    password = factory.django.Password("pw-for-tests")


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    name = factory.Sequence(lambda n: f"团队{n}")
    leader = None
    parent = None


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    team = factory.SubFactory(TeamFactory)


class AccountFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Account

    name = factory.Sequence(lambda n: f"客户{n}")
    industry = "电力"
    region = "东北"
    team = factory.SubFactory(TeamFactory)


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    account = factory.SubFactory(AccountFactory)
    name = factory.Sequence(lambda n: f"联系人{n}")
    title = "工程师"
    level = Level.STAFF
    function = Function.TECHNICAL
    personality = Personality.UNKNOWN


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project
        skip_postgeneration_save = True

    account = factory.SubFactory(AccountFactory)
    name = factory.Sequence(lambda n: f"项目{n}")
    team = factory.SelfAttribute("account.team")
    owner = factory.SubFactory(UserFactory)
    stage = Stage.OPPORTUNITY
    amount = Decimal("1000000")

    @factory.post_generation
    def owner_membership(self, create, extracted, **kwargs):
        if create:
            Membership.objects.get_or_create(user=self.owner, team=self.team)


class ChainMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChainMember

    project = factory.SubFactory(ProjectFactory)
    contact = factory.SubFactory(ContactFactory, account=factory.SelfAttribute("..project.account"))
    roles = factory.LazyFunction(list)


class PainFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pain

    member = factory.SubFactory(ChainMemberFactory)
    text = "可靠性"
    kind = "reliability"


class EngagementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Engagement

    project = factory.SubFactory(ProjectFactory)
    user = factory.SubFactory(UserFactory)


class InternalSaleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InternalSale

    project = factory.SubFactory(ProjectFactory)
    target = "presales"
    commitment = "两名售前支持技术交流"


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    project = factory.SubFactory(ProjectFactory)
    kind = "visit"
    date = factory.LazyFunction(lambda: datetime.date.today())
    done = True


class AskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Ask

    activity = factory.SubFactory(ActivityFactory)
    kind = "information"
    text = "请介绍采购流程"


class ControlPointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ControlPoint
        django_get_or_create = ["project", "number"]

    project = factory.SubFactory(ProjectFactory)
    number = 1


class TeamThresholdsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TeamThresholds

    team = factory.SubFactory(TeamFactory)
