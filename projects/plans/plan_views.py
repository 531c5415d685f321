"""The sales project plan (销售项目计划表): the page, its in-place edits, review, versions, PDF, history.

Every view starts with the access helper (strangers get 404 before anything else), then a form, one
service call, and a redraw: htmx swaps the whole plan body (`#plan-body`) after a save, invalid input
answers 422 with the form in place and a stale edit 409 with both values side by side.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_htmx.http import reswap, retarget

from projects.deals import access, services
from projects.deals.forms import (
    ActivityForm,
    AskFormSet,
    ChainMemberForm,
    ControlPointForm,
    InternalSaleForm,
    PainForm,
)
from projects.deals.models import Competitor, NegotiationTerm, Project, ResourcePlanItem, TenderItem
from projects.deals.plan_edits import ChangedMeanwhile, ensure_unchanged, row_delete, row_save
from projects.deals.plan_forms import (
    CompetitorForm,
    FingerprintForm,
    NegotiationTermForm,
    PlanBasicsForm,
    PlanPricesForm,
    PlanStateForm,
    ResourcePlanItemForm,
    TenderItemForm,
    fingerprint,
)
from projects.deals.services import StaleEdit
from projects.plans import history as plan_history
from projects.plans import pdf, review
from projects.plans.forms import CommentForm, DecisionForm
from projects.plans.models import PlanStatus, PlanSubmission
from projects.plans.plan import compare, load_plan, plan_snapshot, plan_view
from projects.rules.course import CONTROL_POINTS
from salescamp.editing import CONFLICT, INVALID, STALE_EDIT, conflict_details, latest_author

PLAN_BODY = "projects/plan.html#plan-body"
DRAFT = "draft"


# ---- access: the one rule (projects.access), for the plan's own rows --------------------------------------


def _in_visible_project(queryset, user, pk, path: str = "project"):
    visible = access.visible_projects(user).values("pk")
    return get_object_or_404(queryset.filter(**{f"{path}__in": visible}), pk=pk)


def competitor_for(user, competitor_id: int) -> Competitor:
    return _in_visible_project(Competitor.objects.select_related("project__account"), user, competitor_id)


def tender_item_for(user, tender_item_id: int) -> TenderItem:
    return _in_visible_project(TenderItem.objects.select_related("project"), user, tender_item_id)


def term_for(user, term_id: int) -> NegotiationTerm:
    return _in_visible_project(NegotiationTerm.objects.select_related("project"), user, term_id)


def resource_item_for(user, resource_item_id: int) -> ResourcePlanItem:
    queryset = ResourcePlanItem.objects.select_related("member__project", "member__contact")
    return _in_visible_project(queryset, user, resource_item_id, "member__project")


def submission_for(user, project_id: int, number: int) -> PlanSubmission:
    project = access.project_for(user, project_id)
    submission = get_object_or_404(
        PlanSubmission.objects.select_related("submitted_by", "decided_by"), project=project, number=number
    )
    submission.project = project
    return submission


# ---- the page ----------------------------------------------------------------------------------------------


def _next_review(request, project: Project) -> PlanSubmission | None:
    return review.review_queue(request.user).exclude(project=project).first()


def _review_context(
    request, project: Project, current: PlanSubmission | None = None, next_review=None
) -> dict:
    submissions = list(
        project.submissions.defer("snapshot").select_related("submitted_by", "decided_by").order_by("-number")
    )
    pending = next((s for s in submissions if s.status == PlanStatus.SUBMITTED), None)
    next_review = _next_review(request, project) if next_review is None else next_review
    deciding = current if current is not None else pending
    return {
        "submissions": submissions,
        "pending": pending,
        "latest": submissions[0] if submissions else None,
        "next_review": next_review,
        "is_manager": project.team.is_managed_by(request.user),
        "may_decide": bool(
            deciding
            and deciding.status == PlanStatus.SUBMITTED
            and review.may_decide(project, request.user, deciding)
        ),
        "own_plan": review.is_own_plan(project, request.user, deciding),
    }


def plan_context(request, project: Project, next_review=None, **extra) -> dict:
    """The live plan: its snapshot built on the fly, drawn by the same templates as a version."""
    snapshot = plan_snapshot(load_plan(project))
    context = _review_context(request, project, next_review=next_review)
    in_chain = {member["contact_id"] for member in snapshot["members"]}
    latest = context["latest"]
    return {
        "project": project,
        "plan": plan_view(snapshot, review.comments_by_section(project)),
        "editable": True,
        "comment_version": latest.number if latest else None,
        "comment_back": "plan",
        "contacts_not_in_chain": [c for c in project.account.contacts.all() if c.pk not in in_chain],
        "today": timezone.localdate(),
        **context,
        **extra,
    }


def _only_get(request) -> HttpResponse | None:
    # After the access check: strangers only ever see 404.
    return None if request.method in ("GET", "HEAD") else HttpResponseNotAllowed(["GET"])


def plan_page(request: HttpRequest, project_id: int) -> HttpResponse:
    project = access.project_for(request.user, project_id)
    if refused := _only_get(request):
        return refused
    return render(request, "projects/plan.html", plan_context(request, project))


def _after_save(request, project_id: int, notice: str, anchor: str = "") -> HttpResponse:
    """htmx: redraw the whole plan in place (warnings move with every change). Without JS: reload."""
    if not request.htmx:
        messages.success(request, notice)
        return redirect(reverse("plan", args=[project_id]) + (f"#{anchor}" if anchor else ""))
    project = access.project_for(request.user, project_id)
    response = render(request, PLAN_BODY, plan_context(request, project, notice=notice, anchor=anchor))
    return reswap(retarget(response, "#plan-body"), "outerHTML")


def _changed_details(form, fp_form, current, thing) -> dict:
    """Their saved values beside the user's; the fingerprint re-armed so saving again is deliberate."""
    rows = []
    for name, form_field in form.fields.items():
        field = form.instance._meta.get_field(name)
        if field.many_to_many:
            continue
        theirs, yours = getattr(current, field.attname), getattr(form.instance, field.attname)
        if theirs != yours:
            choices = dict(
                getattr(form_field, "flatchoices", None) or getattr(field, "flatchoices", []) or []
            )
            rows.append(
                {
                    "label": form_field.label or field.verbose_name,
                    "theirs": str(choices.get(theirs, theirs if theirs not in (None, "") else "—")),
                    "yours": str(choices.get(yours, yours if yours not in (None, "") else "—")),
                }
            )
    data = fp_form.data.copy()
    data["fingerprint"] = fingerprint(current)
    fp_form.data = data
    return {"message": STALE_EDIT % {"who": latest_author(current), "thing": thing}, "rows": rows}


def _panel(request, project, *, status=200, **context) -> HttpResponse:
    context = {"project": project, **context}
    template = "projects/plan_panel.html"
    return render(request, f"{template}#panel" if request.htmx else template, context, status=status)


def _edit(
    request,
    project: Project,
    *,
    form,
    title: str,
    save,
    notice: str,
    anchor: str,
    thing: str,
    instance=None,
    delete=None,
    deleted: str = "",
    extra_valid: bool = True,
    **context,
) -> HttpResponse:
    """GET: the form in the panel. POST: delete, or validate → save (stale edits refused) → redraw."""
    fp_form = FingerprintForm(
        request.POST if request.method == "POST" else None,
        initial={"fingerprint": fingerprint(instance) if instance is not None and instance.pk else ""},
    )
    conflict = None
    if request.method == "POST":
        if delete is not None and request.POST.get("delete"):
            delete()
            return _after_save(request, project.pk, deleted, anchor)
        if form.is_valid() and extra_valid and fp_form.is_valid():
            try:
                with transaction.atomic():
                    if instance is not None and instance.pk:
                        ensure_unchanged(instance, fp_form.cleaned_data["fingerprint"] or None)
                    save()
            except StaleEdit as stale:
                conflict = conflict_details(form, stale.current, thing)
            except ChangedMeanwhile as changed:
                conflict = _changed_details(form, fp_form, changed.current, thing)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return _after_save(request, project.pk, notice, anchor)
    status = CONFLICT if conflict else INVALID if request.method == "POST" else 200
    return _panel(
        request,
        project,
        status=status,
        form=form,
        fp_form=fp_form,
        title=title,
        action=request.path,
        conflict=conflict,
        can_delete=delete is not None,
        **context,
    )


# ---- the project's own fields (versioned) ------------------------------------------------------------------


def _project_edit(request, project_id: int, form_class, *, title, anchor) -> HttpResponse:
    project = access.project_for(request.user, project_id)
    form = form_class(request.POST or None, instance=project)
    return _edit(
        request,
        project,
        form=form,
        title=title,
        notice=_("Plan saved."),
        anchor=anchor,
        thing=_("project"),
        save=lambda: services.project_update(
            project=form.instance, expected_version=form.cleaned_data["version"], by=request.user
        ),
    )


def plan_basics_edit(request: HttpRequest, project_id: int) -> HttpResponse:
    return _project_edit(
        request, project_id, PlanBasicsForm, title=_("Project basics"), anchor="section-basics"
    )


def plan_state_edit(request: HttpRequest, project_id: int) -> HttpResponse:
    return _project_edit(
        request, project_id, PlanStateForm, title=_("Customer state and strategy"), anchor="section-state"
    )


def plan_prices_edit(request: HttpRequest, project_id: int) -> HttpResponse:
    return _project_edit(
        request, project_id, PlanPricesForm, title=_("The two offers"), anchor="section-negotiation"
    )


# ---- decision chain and pains ---------------------------------------------------------------------------


def plan_member_add(request: HttpRequest, project_id: int) -> HttpResponse:
    project = access.project_for(request.user, project_id)
    initial = {"contact": request.GET.get("contact")} if request.GET.get("contact", "").isdecimal() else {}
    form = ChainMemberForm(request.POST or None, project=project, initial=initial)
    return _edit(
        request,
        project,
        form=form,
        title=_("Add to the decision chain"),
        notice=_("Added to the decision chain."),
        anchor="section-chain",
        thing=_("decision-chain entry"),
        save=lambda: services.member_add(member=form.instance, by=request.user),
    )


def plan_member_edit(request: HttpRequest, member_id: int) -> HttpResponse:
    member = access.member_for(request.user, member_id)
    project = access.project_for(request.user, member.project_id)
    form = ChainMemberForm(request.POST or None, instance=member, project=project)
    return _edit(
        request,
        project,
        form=form,
        title=member.contact.name,
        notice=_("%(name)s saved.") % {"name": member.contact.name},
        anchor=f"member-{member.contact_id}",
        thing=_("decision-chain entry"),
        save=lambda: services.member_update(
            member=form.instance, expected_version=form.cleaned_data["version"], by=request.user
        ),
        delete=lambda: services.member_remove(member=member, by=request.user),
        deleted=_("%(name)s removed from the decision chain.") % {"name": member.contact.name},
        member=member,
        pain_form=PainForm(),
    )


def plan_pain_add(request: HttpRequest, member_id: int) -> HttpResponse:
    member = access.member_for(request.user, member_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = PainForm(request.POST)
    form.instance.member = member
    if form.is_valid():
        services.pain_add(pain=form.instance, by=request.user)
        notice = _("Pain recorded for %(name)s.") % {"name": member.contact.name}
        return _after_save(request, member.project_id, notice, f"member-{member.contact_id}")
    project = access.project_for(request.user, member.project_id)
    return _panel(
        request,
        project,
        status=INVALID,
        form=ChainMemberForm(instance=member, project=project),
        fp_form=FingerprintForm(),
        title=member.contact.name,
        action=reverse("plan_member_edit", args=[member.pk]),
        member=member,
        pain_form=form,
        can_delete=True,
    )


def plan_pain_delete(request: HttpRequest, pain_id: int) -> HttpResponse:
    pain = access.pain_for(request.user, pain_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    member = pain.member
    services.pain_delete(pain=pain, by=request.user)
    return _after_save(request, member.project_id, _("Pain removed."), f"member-{member.contact_id}")


# ---- control points, resources, internal selling, activities ---------------------------------------------


def plan_control_point_edit(request: HttpRequest, project_id: int, number: int) -> HttpResponse:
    point = access.control_point_for(request.user, project_id, number)
    form = ControlPointForm(request.POST or None, instance=point)
    return _edit(
        request,
        point.project,
        form=form,
        instance=point,
        title=f"CP{number} {CONTROL_POINTS[number]}",
        notice=_("Control point saved."),
        anchor=f"cp-{number}",
        thing=_("control point"),
        save=lambda: row_save(instance=form.instance, by=request.user),
    )


def plan_resource_add(request: HttpRequest, member_id: int) -> HttpResponse:
    member = access.member_for(request.user, member_id)
    initial = {"resource": request.GET.get("resource", "")}
    form = ResourcePlanItemForm(request.POST or None, initial=initial)
    form.instance.member = member
    return _edit(
        request,
        member.project,
        form=form,
        title=_("Plan a resource for %(name)s") % {"name": member.contact.name},
        notice=_("Resource plan saved."),
        anchor=f"resources-{member.contact_id}",
        thing=_("planned resource"),
        save=lambda: row_save(instance=form.instance, by=request.user),
    )


def plan_resource_edit(request: HttpRequest, resource_item_id: int) -> HttpResponse:
    item = resource_item_for(request.user, resource_item_id)
    form = ResourcePlanItemForm(request.POST or None, instance=item)
    return _edit(
        request,
        item.member.project,
        form=form,
        instance=item,
        title=_("Resource for %(name)s") % {"name": item.member.contact.name},
        notice=_("Resource plan saved."),
        anchor=f"resources-{item.member.contact_id}",
        thing=_("planned resource"),
        save=lambda: row_save(instance=form.instance, by=request.user),
        delete=lambda: row_delete(instance=item, by=request.user),
        deleted=_("Planned resource removed."),
    )


def plan_internal_sale_add(request: HttpRequest, project_id: int) -> HttpResponse:
    project = access.project_for(request.user, project_id)
    form = InternalSaleForm(
        request.POST or None, project=project, initial={"target": request.GET.get("target")}
    )
    return _edit(
        request,
        project,
        form=form,
        title=_("Internal selling (内部销售)"),
        notice=_("Internal selling step saved."),
        anchor="section-internal_selling",
        thing=_("internal selling step"),
        save=lambda: row_save(instance=form.instance, by=request.user),
    )


def plan_internal_sale_edit(request: HttpRequest, internal_sale_id: int) -> HttpResponse:
    sale = access.internal_sale_for(request.user, internal_sale_id)
    form = InternalSaleForm(request.POST or None, instance=sale, project=sale.project)
    return _edit(
        request,
        sale.project,
        form=form,
        instance=sale,
        title=str(sale),
        notice=_("Internal selling step saved."),
        anchor="section-internal_selling",
        thing=_("internal selling step"),
        save=lambda: row_save(instance=form.instance, by=request.user),
        delete=lambda: row_delete(instance=sale, by=request.user),
        deleted=_("Internal selling step removed."),
    )


def _activity(request, project, form, asks, *, title, instance=None) -> HttpResponse:
    def save():
        rows = [
            {"kind": row["kind"], "contact": row["contact"], "text": row["text"]}
            for row in asks.cleaned_data
            if row and not row.get("skip")
        ]
        services.activity_save(
            activity=form.instance,
            our_people=form.cleaned_data["our_people"],
            contacts=form.cleaned_data["contacts"],
            asks=rows,
            by=request.user,
        )

    return _edit(
        request,
        project,
        form=form,
        instance=instance,
        title=title,
        notice=_("Activity saved."),
        anchor=f"activity-{instance.pk}" if instance else "section-activities",
        thing=_("activity"),
        save=save,
        extra_valid=request.method != "POST" or asks.is_valid(),
        delete=(lambda: services.activity_delete(activity=instance, by=request.user)) if instance else None,
        deleted=_("Activity deleted."),
        asks=asks,
    )


def plan_activity_add(request: HttpRequest, project_id: int) -> HttpResponse:
    project = access.project_for(request.user, project_id)
    form = ActivityForm(request.POST or None, project=project, initial={"our_people": [request.user]})
    asks = AskFormSet(request.POST or None, prefix="ask", form_kwargs={"project": project}, initial=[{}, {}])
    return _activity(request, project, form, asks, title=_("New activity"))


def plan_activity_edit(request: HttpRequest, activity_id: int) -> HttpResponse:
    activity = access.activity_for(request.user, activity_id)
    project = activity.project
    form = ActivityForm(request.POST or None, instance=activity, project=project)
    initial = [{"kind": a.kind, "contact": a.contact_id, "text": a.text} for a in activity.asks.all()] + [{}]
    asks = AskFormSet(request.POST or None, prefix="ask", form_kwargs={"project": project}, initial=initial)
    return _activity(request, project, form, asks, title=str(activity), instance=activity)


# ---- competition, tender plan, negotiation exchange table --------------------------------------------------


def plan_competitor_add(request: HttpRequest, project_id: int) -> HttpResponse:
    project = access.project_for(request.user, project_id)
    form = CompetitorForm(request.POST or None, project=project)
    return _edit(
        request,
        project,
        form=form,
        title=_("Competitor"),
        notice=_("Competitor saved."),
        anchor="section-competition",
        thing=_("competitor"),
        save=lambda: row_save(
            instance=form.instance,
            by=request.user,
            save_m2m=lambda: form.instance.supporters.set(form.cleaned_data["supporters"]),
        ),
    )


def plan_competitor_edit(request: HttpRequest, competitor_id: int) -> HttpResponse:
    competitor = competitor_for(request.user, competitor_id)
    form = CompetitorForm(request.POST or None, instance=competitor, project=competitor.project)
    return _edit(
        request,
        competitor.project,
        form=form,
        instance=competitor,
        title=competitor.name,
        notice=_("Competitor saved."),
        anchor="section-competition",
        thing=_("competitor"),
        save=lambda: row_save(
            instance=form.instance,
            by=request.user,
            save_m2m=lambda: form.instance.supporters.set(form.cleaned_data["supporters"]),
        ),
        delete=lambda: row_delete(instance=competitor, by=request.user),
        deleted=_("Competitor removed."),
    )


def plan_tender_add(request: HttpRequest, project_id: int) -> HttpResponse:
    project = access.project_for(request.user, project_id)
    form = TenderItemForm(request.POST or None, initial={"kind": request.GET.get("kind")})
    form.instance.project = project
    return _edit(
        request,
        project,
        form=form,
        title=_("Tender plan"),
        notice=_("Tender plan saved."),
        anchor="section-tender",
        thing=_("tender plan item"),
        save=lambda: row_save(instance=form.instance, by=request.user),
    )


def plan_tender_edit(request: HttpRequest, tender_item_id: int) -> HttpResponse:
    item = tender_item_for(request.user, tender_item_id)
    form = TenderItemForm(request.POST or None, instance=item)
    return _edit(
        request,
        item.project,
        form=form,
        instance=item,
        title=_("Tender plan"),
        notice=_("Tender plan saved."),
        anchor="section-tender",
        thing=_("tender plan item"),
        save=lambda: row_save(instance=form.instance, by=request.user),
        delete=lambda: row_delete(instance=item, by=request.user),
        deleted=_("Tender plan item removed."),
    )


def plan_term_add(request: HttpRequest, project_id: int) -> HttpResponse:
    project = access.project_for(request.user, project_id)
    form = NegotiationTermForm(request.POST or None)
    form.instance.project = project
    return _edit(
        request,
        project,
        form=form,
        title=_("Negotiation term"),
        notice=_("Exchange table saved."),
        anchor="section-negotiation",
        thing=_("negotiation term"),
        save=lambda: row_save(instance=form.instance, by=request.user),
    )


def plan_term_edit(request: HttpRequest, term_id: int) -> HttpResponse:
    term = term_for(request.user, term_id)
    form = NegotiationTermForm(request.POST or None, instance=term)
    return _edit(
        request,
        term.project,
        form=form,
        instance=term,
        title=term.term,
        notice=_("Exchange table saved."),
        anchor="section-negotiation",
        thing=_("negotiation term"),
        save=lambda: row_save(instance=form.instance, by=request.user),
        delete=lambda: row_delete(instance=term, by=request.user),
        deleted=_("Negotiation term removed."),
    )


# ---- review ------------------------------------------------------------------------------------------------


def _refused(request, project, refusal: review.ReviewRefused, *, submission=None) -> HttpResponse:
    """Nothing changed: the page again, with the reason at the top, answering the refusal's status."""
    if submission is not None:
        context = version_context(request, project, submission, error=refusal.message)
        return render(request, "projects/plan_version.html", context, status=refusal.status)
    return render(
        request,
        "projects/plan.html",
        plan_context(request, project, error=refusal.message),
        status=refusal.status,
    )


def plan_submit(request: HttpRequest, project_id: int) -> HttpResponse:
    project = access.project_for(request.user, project_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        submission = review.plan_submit(project=project, by=request.user)
    except review.ReviewRefused as refusal:
        return _refused(request, project, refusal)
    messages.success(request, _("Version %(number)s submitted for review.") % {"number": submission.number})
    return redirect("plan_version", project_id=project.pk, version=submission.number)


def plan_comment(request: HttpRequest, project_id: int, version: int) -> HttpResponse:
    submission = submission_for(request.user, project_id, version)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    back = "plan" if request.POST.get("back") == "plan" else "version"
    form = CommentForm(request.POST)
    try:
        if not form.is_valid():
            if "section" in form.errors:
                raise review.ReviewRefused(review.UNKNOWN_SECTION)
            raise review.ReviewRefused(
                form.errors["text"][0] if "text" in form.errors else review.EMPTY_COMMENT
            )
        comment = review.comment_add(
            submission=submission,
            section=form.cleaned_data["section"],
            text=form.cleaned_data["text"],
            by=request.user,
        )
    except review.ReviewRefused as refusal:
        return _refused(
            request, submission.project, refusal, submission=None if back == "plan" else submission
        )
    messages.success(request, _("Comment added."))
    target = (
        reverse("plan", args=[project_id])
        if back == "plan"
        else reverse("plan_version", args=[project_id, version])
    )
    return redirect(f"{target}#section-{comment.section}")


def plan_decide(request: HttpRequest, project_id: int, version: int) -> HttpResponse:
    submission = submission_for(request.user, project_id, version)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = DecisionForm(request.POST)
    try:
        if not form.is_valid():
            raise review.ReviewRefused(review.UNKNOWN_DECISION)
        decided = review.plan_decide(
            submission=submission,
            decision=form.cleaned_data["decision"],
            reason=form.cleaned_data["reason"],
            by=request.user,
        )
    except review.ReviewRefused as refusal:
        return _refused(request, submission.project, refusal, submission=submission)
    if decided.status == PlanStatus.APPROVED:
        messages.success(request, _("Version %(number)s approved.") % {"number": decided.number})
    else:
        messages.success(request, _("Version %(number)s returned to the rep.") % {"number": decided.number})
    following = review.review_queue(request.user).first()
    if following is not None:
        return redirect("plan_version", project_id=following.project_id, version=following.number)
    return redirect("review_queue")


def version_context(request, project: Project, submission: PlanSubmission, **extra) -> dict:
    return {
        "project": project,
        "submission": submission,
        "plan": plan_view(submission.snapshot, review.comments_by_section(project, up_to=submission.number)),
        "editable": False,
        "readonly": True,
        "comment_version": submission.number,
        "comment_back": "version",
        "decision_form": DecisionForm(),
        **_review_context(request, project, current=submission),
        **extra,
    }


def plan_version(request: HttpRequest, project_id: int, version: int) -> HttpResponse:
    submission = submission_for(request.user, project_id, version)
    if refused := _only_get(request):
        return refused
    return render(
        request, "projects/plan_version.html", version_context(request, submission.project, submission)
    )


def review_queue(request: HttpRequest) -> HttpResponse:
    return render(request, "projects/review_queue.html", {"queue": list(review.review_queue(request.user))})


# ---- comparing versions, history, PDF --------------------------------------------------------------------


def _snapshot_for(project: Project, choice: str, submissions: dict[int, PlanSubmission]):
    if choice == DRAFT:
        return plan_snapshot(load_plan(project))
    if choice.isdecimal() and int(choice) in submissions:
        return PlanSubmission.objects.get(pk=submissions[int(choice)].pk).snapshot
    raise Http404("no such version")


def plan_compare(request: HttpRequest, project_id: int) -> HttpResponse:
    project = access.project_for(request.user, project_id)
    if refused := _only_get(request):
        return refused
    submissions = {s.number: s for s in project.submissions.defer("snapshot").select_related("submitted_by")}
    numbers = sorted(submissions, reverse=True)
    default_old = str(numbers[0]) if numbers else DRAFT
    old_choice = request.GET.get("a", default_old)
    new_choice = request.GET.get("b", DRAFT)
    old, new = (
        _snapshot_for(project, old_choice, submissions),
        _snapshot_for(project, new_choice, submissions),
    )
    return render(
        request,
        "projects/plan_compare.html",
        {
            "project": project,
            "sections": compare(old, new),
            "choices": [(str(n), submissions[n]) for n in numbers],
            "old_choice": old_choice,
            "new_choice": new_choice,
        },
    )


def plan_history_page(request: HttpRequest, project_id: int) -> HttpResponse:
    project = access.project_for(request.user, project_id)
    if refused := _only_get(request):
        return refused
    return render(
        request,
        "projects/plan_history.html",
        {"project": project, "entries": plan_history.plan_changes(project, limit=50)},
    )


def plan_pdf(request: HttpRequest, project_id: int) -> HttpResponse:
    project = access.project_for(request.user, project_id)
    if refused := _only_get(request):
        return refused
    version = request.GET.get("version", "")
    if version:
        if not version.isdecimal():
            raise Http404("no such version")
        submission = submission_for(request.user, project_id, int(version))
        snapshot, comments = submission.snapshot, review.comments_by_section(project, up_to=submission.number)
    else:
        submission = None
        snapshot, comments = plan_snapshot(load_plan(project)), review.comments_by_section(project)
    body = pdf.plan_pdf(project=project, snapshot=snapshot, submission=submission, comments=comments)
    name = f"plan-{project.pk}-v{submission.number}.pdf" if submission else f"plan-{project.pk}-draft.pdf"
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response
