"""A factory per model. `.build()` where no database is needed."""

import factory

from accounts.models import Account, Contact, Function, Level, Personality
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
