"""One editor per kind of row of the plan, used from the project page and the plan page alike; each runs
through projects.plans.editing.edit (the one way an editor saves, refuses and redraws)."""

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from projects.deals import access, services
from projects.deals.forms import (
    ActivityForm,
    AskFormSet,
    ChainMemberForm,
    CompetitorForm,
    ControlPointForm,
    EngagementForm,
    InternalSaleForm,
    NegotiationTermForm,
    PainForm,
    PlanBasicsForm,
    PlanPricesForm,
    PlanStateForm,
    ProjectForm,
    ResourcePlanItemForm,
    TenderItemForm,
)
from projects.deals.labels import label
from projects.deals.models import Activity, ActivityKind
from projects.plans.editing import Edit, data_of, edit, version_of
from projects.visits.access import task_for
from projects.visits.forms import TaskForm
from salescamp.editing import valid_id

# ---- the project's own fields ------------------------------------------------------------------------------

PROJECT_PARTS = {
    "basics": (PlanBasicsForm, _("Project basics"), "section-basics"),
    "state": (PlanStateForm, _("Customer state and strategy"), "section-state"),
    "prices": (PlanPricesForm, _("The two offers"), "section-negotiation"),
    "people": (ProjectForm, _("Edit project"), "section-basics"),
}


def project_edit(request: HttpRequest, project_id: int) -> HttpResponse:
    project = access.project_for(request.user, project_id)
    part = request.GET.get("part", "people")
    form_class, title, anchor = PROJECT_PARTS.get(part, PROJECT_PARTS["people"])
    kwargs = {"user": request.user} if form_class is ProjectForm else {}
    form = form_class(data_of(request), instance=project, **kwargs)
    return edit(
        request,
        Edit(
            project=project,
            form=form,
            title=str(title),
            thing=_("project"),
            anchor=anchor,
            saved=_("Project saved."),
            save=lambda: services.project_update(
                project=form.instance,
                expected_version=version_of(form),
                by=request.user,
                shared_with=form.cleaned_data.get("shared_with"),
            ),
        ),
    )


# ---- decision chain and pains ------------------------------------------------------------------------------


def member_add(request: HttpRequest, project_id: int) -> HttpResponse:
    project = access.project_for(request.user, project_id)
    contact = request.GET.get("contact", "")
    initial = {"contact": contact} if valid_id(contact) else {}
    form = ChainMemberForm(data_of(request), project=project, initial=initial)
    return edit(
        request,
        Edit(
            project=project,
            form=form,
            title=_("Add to the decision chain"),
            thing=_("decision-chain entry"),
            anchor="section-chain",
            saved=_("Added to the decision chain."),
            save=lambda: services.member_save(member=form.instance, expected_version=None, by=request.user),
        ),
    )


def member_edit(request: HttpRequest, member_id: int) -> HttpResponse:
    member = access.member_for(request.user, member_id)
    form = ChainMemberForm(data_of(request), instance=member, project=member.project)
    name = member.contact.name
    return edit(
        request,
        Edit(
            project=member.project,
            form=form,
            title=name,
            thing=_("decision-chain entry"),
            anchor=f"member-{member.contact_id}",
            saved=_("%(name)s saved.") % {"name": name},
            save=lambda: services.member_save(
                member=form.instance, expected_version=version_of(form), by=request.user
            ),
            delete=lambda version: services.row_delete(
                instance=member, expected_version=version, by=request.user
            ),
            deleted=_("%(name)s removed from the decision chain.") % {"name": name},
            delete_label=_("Remove from the decision chain"),
            context={
                "member": member,
                "subtitle": f"{member.contact.title} · {label('level', member.contact.level)}",
                "visits": Activity.objects.filter(
                    project_id=member.project_id, contacts=member.contact_id, kind=ActivityKind.VISIT
                )
                .select_related("visit_sheet")
                .order_by("-date")[:20],
            },
        ),
    )


def pain_add(request: HttpRequest, member_id: int) -> HttpResponse:
    member = access.member_for(request.user, member_id)
    form = PainForm(data_of(request))
    form.instance.member = member
    return _pain(request, member, form)


def pain_edit(request: HttpRequest, pain_id: int) -> HttpResponse:
    pain = access.pain_for(request.user, pain_id)
    return _pain(request, pain.member, PainForm(data_of(request), instance=pain))


def _pain(request, member, form) -> HttpResponse:
    name = member.contact.name
    pain = form.instance
    return edit(
        request,
        Edit(
            project=member.project,
            form=form,
            title=_("Pain of %(name)s") % {"name": name},
            thing=_("pain"),
            anchor=f"member-{member.contact_id}",
            saved=_("Pain recorded for %(name)s.") % {"name": name},
            save=lambda: services.row_save(instance=pain, expected_version=version_of(form), by=request.user),
            delete=(
                lambda version: services.row_delete(instance=pain, expected_version=version, by=request.user)
            )
            if pain.pk
            else None,
            deleted=_("Pain removed."),
        ),
    )


# ---- activities, control points, our people and internal selling -------------------------------------------


def activity_add(request: HttpRequest, project_id: int) -> HttpResponse:
    project = access.project_for(request.user, project_id)
    form = ActivityForm(data_of(request), project=project, initial={"our_people": [request.user]})
    asks = AskFormSet(data_of(request), prefix="ask", form_kwargs={"project": project}, initial=[{}, {}])
    return _activity(request, project, form, asks, title=_("New activity"))


def activity_edit(request: HttpRequest, activity_id: int) -> HttpResponse:
    activity = access.activity_for(request.user, activity_id)
    form = ActivityForm(data_of(request), instance=activity, project=activity.project)
    initial = [
        {"kind": a.kind, "contact": a.contact_id, "text": a.text, "granted": a.granted}
        for a in activity.asks.all()
    ] + [{}]
    asks = AskFormSet(
        data_of(request), prefix="ask", form_kwargs={"project": activity.project}, initial=initial
    )
    return _activity(request, activity.project, form, asks, title=str(activity))


def _activity(request, project, form, asks, *, title) -> HttpResponse:
    activity = form.instance

    def save():
        rows = [
            {"kind": row["kind"], "contact": row["contact"], "text": row["text"], "granted": row["granted"]}
            for row in asks.cleaned_data
            if row and not row.get("skip")
        ]
        services.activity_save(
            activity=activity,
            expected_version=version_of(form),
            our_people=form.cleaned_data["our_people"],
            contacts=form.cleaned_data["contacts"],
            asks=rows,
            by=request.user,
        )

    return edit(
        request,
        Edit(
            project=project,
            form=form,
            title=title,
            thing=_("activity"),
            anchor=f"activity-{activity.pk}" if activity.pk else "section-activities",
            saved=_("Activity saved."),
            save=save,
            extra_valid=asks.is_valid,
            delete=(
                lambda version: services.row_delete(
                    instance=activity, expected_version=version, by=request.user
                )
            )
            if activity.pk
            else None,
            deleted=_("Activity deleted."),
            context={"asks": asks},
        ),
    )


def control_point_edit(request: HttpRequest, project_id: int, number: int) -> HttpResponse:
    point = access.control_point_for(request.user, project_id, number)
    form = ControlPointForm(data_of(request), instance=point)
    return _row(
        request,
        point.project,
        form,
        title=f"CP{number} {label('cp', number)}",
        anchor=f"cp-{number}",
        thing=_("control point"),
        saved=_("Control point saved."),
        can_delete=False,
    )


def engagement_add(request: HttpRequest, project_id: int) -> HttpResponse:
    project = access.project_for(request.user, project_id)
    form = EngagementForm(data_of(request), project=project)
    return _row(
        request,
        project,
        form,
        title=_("Draw in one of our people"),
        anchor="section-internal_selling",
        thing=_("engagement"),
        saved=_("Engagement updated."),
    )


def engagement_edit(request: HttpRequest, engagement_id: int) -> HttpResponse:
    engagement = access.engagement_for(request.user, engagement_id)
    form = EngagementForm(data_of(request), instance=engagement, project=engagement.project)
    return edit(
        request,
        Edit(
            project=engagement.project,
            form=form,
            title=str(engagement.user),
            thing=_("engagement"),
            anchor="section-internal_selling",
            saved=_("Engagement updated."),
            save=lambda: services.row_save(
                instance=engagement, expected_version=version_of(form), by=request.user
            ),
            delete=lambda version: services.engagement_remove(
                engagement=engagement, expected_version=version, by=request.user
            ),
            deleted=_("Engagement updated."),
            delete_label=_("No longer takes part"),
        ),
    )


def internal_sale_add(request: HttpRequest, project_id: int) -> HttpResponse:
    project = access.project_for(request.user, project_id)
    form = InternalSaleForm(data_of(request), project=project, initial={"target": request.GET.get("target")})
    return _row(
        request,
        project,
        form,
        title=_("Internal selling (内部销售)"),
        anchor="section-internal_selling",
        thing=_("internal selling step"),
        saved=_("Internal selling step saved."),
    )


def internal_sale_edit(request: HttpRequest, internal_sale_id: int) -> HttpResponse:
    sale = access.internal_sale_for(request.user, internal_sale_id)
    form = InternalSaleForm(data_of(request), instance=sale, project=sale.project)
    return _row(
        request,
        sale.project,
        form,
        title=str(sale),
        anchor="section-internal_selling",
        thing=_("internal selling step"),
        saved=_("Internal selling step saved."),
    )


# ---- resource plan, competition, tender plan, negotiation exchange table -----------------------------------


def resource_add(request: HttpRequest, member_id: int) -> HttpResponse:
    member = access.member_for(request.user, member_id)
    form = ResourcePlanItemForm(data_of(request), initial={"resource": request.GET.get("resource")})
    form.instance.member = member
    return _row(
        request,
        member.project,
        form,
        title=member.contact.name,
        anchor=f"resources-{member.contact_id}",
        thing=_("planned resource"),
        saved=_("Resource plan saved."),
    )


def resource_edit(request: HttpRequest, resource_item_id: int) -> HttpResponse:
    item = access.resource_item_for(request.user, resource_item_id)
    form = ResourcePlanItemForm(data_of(request), instance=item)
    member = item.member
    return _row(
        request,
        member.project,
        form,
        title=member.contact.name,
        anchor=f"resources-{member.contact_id}",
        thing=_("planned resource"),
        saved=_("Resource plan saved."),
    )


def competitor_add(request: HttpRequest, project_id: int) -> HttpResponse:
    project = access.project_for(request.user, project_id)
    return _competitor(request, project, CompetitorForm(data_of(request), project=project))


def competitor_edit(request: HttpRequest, competitor_id: int) -> HttpResponse:
    competitor = access.competitor_for(request.user, competitor_id)
    form = CompetitorForm(data_of(request), instance=competitor, project=competitor.project)
    return _competitor(request, competitor.project, form)


def _competitor(request, project, form) -> HttpResponse:
    return _row(
        request,
        project,
        form,
        title=form.instance.name or _("Competitor"),
        anchor="section-competition",
        thing=_("competitor"),
        saved=_("Competitor saved."),
        links=lambda: {"supporters": form.cleaned_data["supporters"]},
    )


def tender_add(request: HttpRequest, project_id: int) -> HttpResponse:
    project = access.project_for(request.user, project_id)
    form = TenderItemForm(data_of(request), project=project, initial={"kind": request.GET.get("kind")})
    return _tender(request, project, form)


def tender_edit(request: HttpRequest, tender_item_id: int) -> HttpResponse:
    item = access.tender_item_for(request.user, tender_item_id)
    return _tender(
        request, item.project, TenderItemForm(data_of(request), instance=item, project=item.project)
    )


def _tender(request, project, form) -> HttpResponse:
    return _row(
        request,
        project,
        form,
        title=_("Tender plan"),
        anchor="section-tender",
        thing=_("tender plan item"),
        saved=_("Tender plan saved."),
        links=lambda: {"contacts": form.cleaned_data["contacts"]},
    )


def term_add(request: HttpRequest, project_id: int) -> HttpResponse:
    project = access.project_for(request.user, project_id)
    form = NegotiationTermForm(data_of(request))
    form.instance.project = project
    return _row(
        request,
        project,
        form,
        title=_("Negotiation term"),
        anchor="section-negotiation",
        thing=_("negotiation term"),
        saved=_("Exchange table saved."),
    )


def term_edit(request: HttpRequest, term_id: int) -> HttpResponse:
    term = access.term_for(request.user, term_id)
    return _row(
        request,
        term.project,
        NegotiationTermForm(data_of(request), instance=term),
        title=term.term,
        anchor="section-negotiation",
        thing=_("negotiation term"),
        saved=_("Exchange table saved."),
    )


# ---- tasks (待办) ------------------------------------------------------------------------------------------


def task_add(request: HttpRequest, project_id: int) -> HttpResponse:
    project = access.project_for(request.user, project_id)
    form = TaskForm(data_of(request), project=project, initial={"owner": request.user.pk})
    return _task(request, project, form)


def task_edit(request: HttpRequest, task_id: int) -> HttpResponse:
    task = task_for(request.user, task_id)
    return _task(request, task.project, TaskForm(data_of(request), instance=task, project=task.project))


def _task(request, project, form) -> HttpResponse:
    return _row(
        request,
        project,
        form,
        title=_("Task (待办)"),
        anchor="tasks",
        thing=_("task"),
        saved=_("Task saved."),
    )


def _row(request, project, form, *, title, anchor, thing, saved, can_delete=True, links=None) -> HttpResponse:
    """A row saved on its own (and deleted, if it may go)."""
    row = form.instance
    return edit(
        request,
        Edit(
            project=project,
            form=form,
            title=str(title),
            thing=thing,
            anchor=anchor,
            saved=saved,
            save=lambda: services.row_save(
                instance=row,
                expected_version=version_of(form),
                by=request.user,
                links=links() if links else None,
            ),
            delete=(
                lambda version: services.row_delete(instance=row, expected_version=version, by=request.user)
            )
            if can_delete and row.pk
            else None,
            deleted=_("Removed from the plan."),
        ),
    )
