"""Our side (我方): the people who sell, their ranks and their teams."""

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class Rank(models.IntegerChoices):
    """Rank on our side, compared with a contact's level by the parity rule (责权利对等)."""

    REP = 1, _("Rep (销售)")
    TEAM_LEAD = 2, _("Team lead (组长)")
    DIRECTOR = 3, _("Director (总监)")
    EXECUTIVE = 4, _("VP or chief (副总/总经理)")


def shown_name(display_name: str, first_name: str, last_name: str, username: str) -> str:
    """How the app names one of our people: the display name, else the full name, else the login."""
    return display_name or f"{first_name} {last_name}".strip() or username


class User(AbstractUser):
    display_name = models.CharField(_("display name"), max_length=50, blank=True)
    rank = models.PositiveSmallIntegerField(_("rank"), choices=Rank, default=Rank.REP)
    weekly_visit_target = models.PositiveSmallIntegerField(
        _("weekly visit target"),
        default=10,
        # xgettext:no-python-format
        help_text=_("The course: 90% of results come from how many customers you run."),
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return shown_name(self.display_name, self.first_name, self.last_name, self.username)

    def visible_team_ids(self) -> set[int]:
        """Teams whose accounts this user may see: own teams, plus every team below one they lead."""
        return Team.objects.visible_ids_for(self)

    def team_tree(self) -> list[tuple[int, int | None, int | None]]:
        """Every team as (id, parent, leader), read once per user object (a request's user lives for one
        request): access checks, the menu and the desks all walk it."""
        if "_team_tree" not in self.__dict__:
            self._team_tree = list(Team.objects.values_list("id", "parent_id", "leader_id"))
        return self._team_tree

    def managed_team_ids(self) -> set[int]:
        """Teams this user manages: those they lead and every team below them."""
        return Team.objects.led_subtree_ids(self)

    @property
    def leads_a_team(self) -> bool:
        return any(leader_id == self.pk for _team, _parent, leader_id in self.team_tree())


def _subtrees(tree: list[tuple[int, int | None, int | None]], roots) -> set[int]:
    """The teams `roots` and every team below them, from the tree as (id, parent, leader) rows."""
    children: dict[int | None, list[int]] = {}
    for team_id, parent_id, _leader in tree:
        children.setdefault(parent_id, []).append(team_id)
    subtree: set[int] = set()
    stack = list(roots)
    while stack:
        team_id = stack.pop()
        if team_id not in subtree:
            subtree.add(team_id)
            stack.extend(children.get(team_id, []))
    return subtree


class TeamQuerySet(models.QuerySet):
    def led_subtree_ids(self, user) -> set[int]:
        # The team tree is small (tens of rows): one query and a walk beat a recursive CTE per request.
        tree = user.team_tree()
        return _subtrees(tree, [team_id for team_id, _parent, leader_id in tree if leader_id == user.pk])

    def subtree_ids(self, team_id: int) -> set[int]:
        """The team and every team below it."""
        return _subtrees(list(Team.objects.values_list("id", "parent_id", "leader_id")), [team_id])

    def managed_by(self, user) -> "TeamQuerySet":
        """Teams where the user is a manager: leader of the team or of one of its ancestors."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(pk__in=self.led_subtree_ids(user))

    def visible_ids_for(self, user) -> set[int]:
        """Teams whose accounts the user may see: the teams they belong to and every team they manage."""
        if not user.is_authenticated:
            return set()
        member_of = set(Membership.objects.filter(user=user).values_list("team_id", flat=True))
        return member_of | self.led_subtree_ids(user)


class Team(models.Model):
    name = models.CharField(_("name"), max_length=80)
    leader = models.ForeignKey(
        User,
        verbose_name=_("leader"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_teams",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent team"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    members = models.ManyToManyField(
        User, through="Membership", related_name="teams", verbose_name=_("members")
    )

    objects = TeamQuerySet.as_manager()

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        ancestor = self.parent
        while ancestor is not None:
            if ancestor.pk == self.pk:
                raise ValidationError({"parent": _("A team cannot sit below itself.")})
            ancestor = ancestor.parent

    def ancestors(self) -> list["Team"]:
        chain, team = [], self.parent
        while team is not None:
            chain.append(team)
            team = team.parent
        return chain

    def manager_ids(self) -> list[int]:
        """Who manages the team: the leaders of the team and of each team above it, nearest first."""
        return [team.leader_id for team in [self, *self.ancestors()] if team.leader_id is not None]

    def is_managed_by(self, user) -> bool:
        """A manager leads this team or one of its ancestors."""
        return user.pk in self.manager_ids()


class Membership(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="memberships")
    joined_on = models.DateField(_("joined on"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [models.UniqueConstraint(fields=["user", "team"], name="unique_membership")]

    def __str__(self) -> str:
        return f"{self.user} @ {self.team}"
