"""The pages of a project's plan: the project page (the working view), the sales project plan (the review
document), a submitted version, the comparison of two versions, the history and the PDF — all drawn from
one view of the plan (projects.plans.view) by the same section partials. Every view starts with the access
helper: strangers get 404 before anything else."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from django_htmx.http import reswap, retarget

from projects.deals import access
from projects.deals.models import Project, RelationshipRequest
from projects.plans import handover, history, pdf, review, snapshot
from projects.plans.compare import compare
from projects.plans.forms import AnswerForm, CommentForm, DecisionForm
from projects.plans.models import PlanStatus, PlanSubmission
from projects.plans.selectors import comments_by_section, live_version, review_queue
from projects.plans.view import LISTS, plan_view
from projects.visits.selectors import drafts_of, open_tasks, sheets_by_activity
from salescamp.editing import parse_id
from salescamp.models import User

PAGES = {"project": "plans/project.html", "plan": "plans/plan.html"}
# A long list asked for in full (?all=<list>): htmx swaps in just its part of the page.
LIST_PARTS = {
    "chain": {"project": "plans/sections/chain.html", "plan": "plans/sections/chain.html"},
    "pains": {"project": "plans/sections/pains.html", "plan": "plans/sections/pains.html"},
    "resources": {"project": "plans/sections/resources.html", "plan": "plans/sections/resources.html"},
    "activities": {"project": "plans/sections/activities.html", "plan": "plans/sections/activities.html"},
    "warnings": {"project": "plans/project.html#warnings", "plan": "plans/warnings.html"},
}
DRAFT = "draft"


def only_get(request) -> HttpResponse | None:
    """Pages answer GET alone, after the access check: strangers only ever see 404."""
    return None if request.method in ("GET", "HEAD") else HttpResponseNotAllowed(["GET"])


def page_url(project_id: int, page: str) -> str:
    return reverse("plan" if page == "plan" else "project_detail", args=[project_id])


def page_context(request, project: Project, page: str, **extra) -> dict:
    """What the project page or the plan page draws: the live plan, and what each page adds to it. Long
    lists are drawn in part unless asked for in full (?all=chain|activities|warnings)."""
    version = live_version(project)
    comments = comments_by_section(project) if page == "plan" else None
    context = {
        "view": plan_view(
            version.plan,
            version.warnings,
            today=version.taken_on,
            comments=comments,
            visit_sheets=sheets_by_activity(project),
            shorten=frozenset(LISTS) - set(request.GET.getlist("all")),
        ),
        "project": project,
        "project_id": project.pk,
        "page": page,
        "editable": True,
        **extra,
    }
    if page == "project":
        context["visit_drafts"] = drafts_of(project)
        context["open_tasks"] = open_tasks(project)
    else:
        review_context = _review_context(request, project)
        latest = review_context["latest"]
        context.update(review_context, comment_version=latest.number if latest else None, comment_back="plan")
    return context


def redraw(request, project: Project, page: str, notice: str, anchor: str = "") -> HttpResponse:
    """After a change: htmx swaps the page's body in place (warnings move with every change); without
    JavaScript, back to the page at the changed row."""
    if not request.htmx:
        messages.success(request, notice)
        return redirect(page_url(project.pk, page) + (f"#{anchor}" if anchor else ""))
    context = page_context(request, project, page, notice=notice, anchor=anchor)
    response = render(request, f"{PAGES[page]}#body", context)
    return reswap(retarget(response, "#page-body"), "outerHTML")


def _page(request, project_id: int, page: str) -> HttpResponse:
    project = access.project_for(request.user, project_id)
    if refused := only_get(request):
        return refused
    context = page_context(request, project, page)
    whole = request.GET.get("all", "")
    if request.htmx and whole in LIST_PARTS:
        return render(request, LIST_PARTS[whole][page], context)
    return render(request, PAGES[page], context)


def project_detail(request: HttpRequest, project_id: int) -> HttpResponse:
    return _page(request, project_id, "project")


def plan_page(request: HttpRequest, project_id: int) -> HttpResponse:
    return _page(request, project_id, "plan")


# ---- review -----------------------------------------------------------------------------------------------


def submission_for(user, project_id: int, number: int) -> PlanSubmission:
    project = access.project_for(user, project_id)
    submission = get_object_or_404(
        PlanSubmission.objects.select_related("submitted_by", "decided_by"), project=project, number=number
    )
    submission.project = project
    return submission


def _review_context(request, project: Project, current: PlanSubmission | None = None) -> dict:
    submissions = list(
        project.submissions.defer("snapshot").select_related("submitted_by", "decided_by").order_by("-number")
    )
    pending = next((s for s in submissions if s.status == PlanStatus.SUBMITTED), None)
    deciding = current if current is not None else pending
    return {
        "submissions": submissions,
        "pending": pending,
        "latest": submissions[0] if submissions else None,
        "next_review": review_queue(request.user).exclude(project=project).first(),
        "is_manager": project.team.is_managed_by(request.user),
        "may_decide": bool(
            deciding
            and deciding.status == PlanStatus.SUBMITTED
            and review.may_decide(project, request.user, deciding)
        ),
        "own_plan": review.is_own_plan(project, request.user, deciding),
    }


def version_context(request, submission: PlanSubmission, **extra) -> dict:
    project = submission.project
    version = snapshot.read(submission.snapshot)
    comments = comments_by_section(project, up_to=submission.number)
    return {
        "view": plan_view(version.plan, version.warnings, today=version.taken_on, comments=comments),
        "project": project,
        "project_id": project.pk,
        "submission": submission,
        "page": "version",
        "editable": False,
        "comment_version": submission.number,
        "comment_back": "version",
        "decision_form": DecisionForm(),
        **_review_context(request, project, current=submission),
        **extra,
    }


def _refused(request, project, refusal: review.ReviewRefused, *, submission=None) -> HttpResponse:
    """Nothing changed: the page again, with the reason at the top, answering the refusal's status."""
    if submission is not None:
        context = version_context(request, submission, error=refusal.message)
        return render(request, "plans/version.html", context, status=refusal.status)
    context = page_context(request, project, "plan", error=refusal.message)
    return render(request, PAGES["plan"], context, status=refusal.status)


def plan_submit(request: HttpRequest, project_id: int) -> HttpResponse:
    project = access.project_for(request.user, project_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])  # after the access check: strangers only ever see 404
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
        page_url(project_id, "plan")
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
    following = review_queue(request.user).first()
    if following is not None:
        return redirect("plan_version", project_id=following.project_id, version=following.number)
    return redirect("review_queue")


def plan_version(request: HttpRequest, project_id: int, version: int) -> HttpResponse:
    submission = submission_for(request.user, project_id, version)
    return only_get(request) or render(request, "plans/version.html", version_context(request, submission))


@require_safe
def review_queue_page(request: HttpRequest) -> HttpResponse:
    return render(request, "plans/review_queue.html", {"queue": list(review_queue(request.user))})


# ---- a leader asked to take a relationship (狐假虎威) ---------------------------------------------------


def relationship_ask(request: HttpRequest, member_id: int) -> HttpResponse:
    member = access.member_for(request.user, member_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    leader = User.objects.filter(pk=parse_id(request.POST.get("leader"))).first()
    try:
        if leader is None:
            raise handover.HandoverRefused(handover.NOT_IN_LINE)
        handover.ask_leader(member=member, leader=leader, by=request.user)
    except handover.HandoverRefused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(
            request,
            _("%(leader)s is asked to take the relationship with %(contact)s.")
            % {"leader": leader, "contact": member.contact.name},
        )
    return redirect(page_url(member.project_id, "project") + f"#member-{member.contact_id}")


def relationship_answer(request: HttpRequest, request_id: int) -> HttpResponse:
    """The asked leader's answer, from their desk; anyone else gets 404."""
    asked = get_object_or_404(
        RelationshipRequest.objects.select_related("member__contact", "member__project"),
        pk=request_id,
        leader=request.user,
    )
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = AnswerForm(request.POST)
    try:
        if not form.is_valid():
            raise handover.HandoverRefused(handover.REASON_NEEDED)
        accept = form.cleaned_data["decision"] == "accept"
        handover.answer(request=asked, accept=accept, reason=form.cleaned_data["reason"], by=request.user)
    except handover.HandoverRefused as refusal:
        messages.error(request, refusal.message)
        return redirect(reverse("desk") + "#requests")
    if accept:
        messages.success(
            request,
            _("You now hold the relationship with %(contact)s.") % {"contact": asked.member.contact.name},
        )
        return redirect(page_url(asked.member.project_id, "project") + f"#member-{asked.member.contact_id}")
    messages.success(request, _("Declined; the rep is told why."))
    return redirect(reverse("desk") + "#requests")


# ---- comparing versions, history, PDF --------------------------------------------------------------------


def _version_for(project: Project, choice: str, submissions: dict[int, PlanSubmission]) -> snapshot.Version:
    if choice == DRAFT:
        return live_version(project)
    if (number := parse_id(choice)) in submissions:
        return snapshot.read(PlanSubmission.objects.get(pk=submissions[number].pk).snapshot)
    raise Http404("no such version")


def plan_compare(request: HttpRequest, project_id: int) -> HttpResponse:
    project = access.project_for(request.user, project_id)
    if refused := only_get(request):
        return refused
    submissions = {s.number: s for s in project.submissions.defer("snapshot").select_related("submitted_by")}
    numbers = sorted(submissions, reverse=True)
    old_choice = request.GET.get("a", str(numbers[0]) if numbers else DRAFT)
    new_choice = request.GET.get("b", DRAFT)
    old, new = _version_for(project, old_choice, submissions), _version_for(project, new_choice, submissions)
    return render(
        request,
        "plans/compare.html",
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
    return only_get(request) or render(
        request,
        "plans/history.html",
        {"project": project, "entries": history.plan_changes(project, limit=50)},
    )


def plan_pdf(request: HttpRequest, project_id: int) -> HttpResponse:
    project = access.project_for(request.user, project_id)
    if refused := only_get(request):
        return refused
    version_param = request.GET.get("version", "")
    if version_param:
        if (number := parse_id(version_param)) is None:
            raise Http404("no such version")
        submission = submission_for(request.user, project_id, number)
        version = snapshot.read(submission.snapshot)
        comments = comments_by_section(project, up_to=submission.number)
    else:
        submission, version, comments = None, live_version(project), comments_by_section(project)
    full = request.GET.get("full") == "1"
    body = pdf.plan_pdf(version=version, submission=submission, comments=comments, full=full)
    name = f"plan-{project.pk}-v{submission.number}" if submission else f"plan-{project.pk}-draft"
    name += "-full.pdf" if full else ".pdf"
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response
