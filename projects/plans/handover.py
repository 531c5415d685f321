"""Asking a leader of ours to take a relationship (狐假虎威): the one tap beside a PARITY_GAP warning, and the
leader's answer from their desk. Accepted, the leader becomes the relationship's owner on our side, so the
warning goes; either way the rep hears of it (projects.notices)."""

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from projects.deals.loading import thresholds_for
from projects.deals.models import ChainMember, RelationshipRequest, RequestStatus
from projects.notices.models import NoticeKind
from projects.notices.record import notify
from projects.rules.base import interpolate
from projects.rules.parity import rank_needed
from salescamp.editing import CONFLICT, INVALID, write_transaction
from salescamp.models import User

NOT_IN_LINE = _("Only a leader of this project's team, or of a team above it, can be asked.")
NOT_SENIOR_ENOUGH = _("%(leader)s is not senior enough to hold this relationship at parity.")
ALREADY_HOLDS = _("%(leader)s already holds this relationship.")
ALREADY_ASKED = _("A leader has already been asked to take this relationship.")
ALREADY_ANSWERED = _("This request has already been answered.")
REASON_NEEDED = _("Say why, so the rep knows what to do instead.")
MAX_REASON = RelationshipRequest._meta.get_field("reason").max_length

ASKED = gettext_noop("%(who)s asks you to take the relationship with %(contact)s (%(title)s) in %(project)s.")
ACCEPTED = gettext_noop("%(leader)s takes the relationship with %(contact)s in %(project)s.")
DECLINED = gettext_noop("%(leader)s declined the relationship with %(contact)s in %(project)s: %(reason)s")


class HandoverRefused(Exception):
    def __init__(self, message, status: int = INVALID):
        super().__init__(str(message))
        self.message, self.status = message, status


@write_transaction()
def ask_leader(*, member: ChainMember, leader: User, by) -> RelationshipRequest:
    # The project team's management line, as the parity advice reads it (projects.rules.parity).
    if leader.pk not in member.project.team.manager_ids():
        raise HandoverRefused(NOT_IN_LINE)
    if leader.rank < rank_needed(member.contact.level, thresholds_for(member.project)):
        raise HandoverRefused(NOT_SENIOR_ENOUGH % {"leader": leader})
    if (member.owner_id or member.project.owner_id) == leader.pk:
        raise HandoverRefused(ALREADY_HOLDS % {"leader": leader}, status=CONFLICT)
    try:
        with transaction.atomic():
            request = RelationshipRequest.objects.create(member=member, leader=leader, asked_by=by)
    except IntegrityError as error:  # one open request per relationship: a double tap, or a colleague
        raise HandoverRefused(ALREADY_ASKED, status=CONFLICT) from error
    contact = member.contact
    notify(
        NoticeKind.RELATIONSHIP_ASKED,
        [leader],
        interpolate(
            ASKED, who=str(by), contact=contact.name, title=contact.title, project=member.project.name
        ),
        reverse("desk") + "#requests",
        key=f"relationship:{request.pk}:asked",
        project=member.project,
    )
    return request


@write_transaction()
def answer(*, request: RelationshipRequest, accept: bool, reason: str = "", by) -> RelationshipRequest:
    """The asked leader's answer; a decline says why."""
    locked = RelationshipRequest.objects.select_for_update().get(pk=request.pk)
    if locked.status != RequestStatus.PENDING:
        raise HandoverRefused(ALREADY_ANSWERED, status=CONFLICT)
    reason = " ".join((reason or "").split())
    if not accept and not reason:
        raise HandoverRefused(REASON_NEEDED)
    member = request.member
    locked.status = RequestStatus.ACCEPTED if accept else RequestStatus.DECLINED
    locked.reason = reason[:MAX_REASON]
    locked.answered_at = timezone.now()
    locked.save()
    project = member.project
    if accept:
        member.owner = by
        member._history_user = by
        member.save()
        message = interpolate(ACCEPTED, leader=str(by), contact=member.contact.name, project=project.name)
    else:
        message = interpolate(
            DECLINED, leader=str(by), contact=member.contact.name, project=project.name, reason=locked.reason
        )
    notify(
        NoticeKind.RELATIONSHIP_ANSWERED,
        User.objects.filter(pk__in={locked.asked_by_id, project.owner_id} - {by.pk}),
        message,
        reverse("project_detail", args=[project.pk]) + f"#member-{member.contact_id}",
        key=f"relationship:{locked.pk}:answered",
        project=project,
    )
    return locked
