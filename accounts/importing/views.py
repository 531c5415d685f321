"""The customer import's pages: upload, preview with the columns' mapping and a choice per duplicate,
apply. A list is only ever seen by the person who uploaded it."""

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from accounts.importing.applying import SKIP, UPDATE, ImportRefused, apply_import
from accounts.importing.columns import COLUMNS, REQUIRED, guess_mapping
from accounts.importing.planning import plan_import
from accounts.importing.reading import MAX_BYTES, TableError, read_table
from accounts.importing.template import template_workbook
from accounts.models import ImportBatch, ImportStatus
from salescamp.editing import INVALID
from salescamp.models import Team

LISTED = 200  # rows of each kind a preview lists (errors, duplicates, new)
IMPORTED = gettext_lazy(
    "Imported: %(accounts)s new accounts, %(contacts)s new contacts, %(updated)s contacts updated."
)


class UploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Excel (.xlsx) or CSV file"))
    team = forms.ModelChoiceField(queryset=Team.objects.none(), label=gettext_lazy("Into the accounts of"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        teams = Team.objects.filter(pk__in=user.visible_team_ids()).order_by("name")
        self.fields["team"].queryset = teams
        if len(teams) == 1:
            self.fields["team"].initial = teams[0]


def batch_for(user, batch_id: int) -> ImportBatch:
    return get_object_or_404(
        ImportBatch.objects.select_related("team"),
        pk=batch_id,
        created_by=user,
        team_id__in=user.visible_team_ids(),
    )


@require_http_methods(["GET", "POST"])
def import_start(request: HttpRequest) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None, user=request.user)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                if upload.size > MAX_BYTES:
                    raise TableError(
                        _("The file is %(size)s MB; the limit is %(limit)s MB. Split it into smaller files.")
                        % {"size": round(upload.size / 2**20, 1), "limit": MAX_BYTES // 2**20}
                    )
                table = read_table(upload.name, upload.read())
            except TableError as error:
                form.add_error("file", str(error))
            else:
                batch = ImportBatch.objects.create(
                    team=form.cleaned_data["team"],
                    created_by=request.user,
                    file_name=upload.name[:200],
                    headers=table.headers,
                    rows=table.rows,
                    mapping={str(index): key for index, key in guess_mapping(table.headers).items()},
                )
                return redirect("import_preview", batch_id=batch.pk)
        status = INVALID
    return render(request, "accounts/import_start.html", {"form": form}, status=status)


@require_safe
def import_template(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(
        template_workbook(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = 'attachment; filename="customers-template.xlsx"'
    return response


def _posted_mapping(request, headers: list[str]) -> dict[str, str]:
    keys = {column.key for column in COLUMNS}
    mapping: dict[str, str] = {}
    for index in range(len(headers)):
        key = request.POST.get(f"col-{index}", "")
        if key in keys and key not in mapping.values():
            mapping[str(index)] = key
    return mapping


def _decisions(request, plan) -> dict[int, str]:
    every = request.POST.get("duplicates") == UPDATE
    decisions = {}
    for row in plan.rows:
        if row.outcome == "duplicate":
            choice = request.POST.get(f"row-{row.number}", UPDATE if every else SKIP)
            decisions[row.number] = UPDATE if choice == UPDATE else SKIP
    return decisions


@require_http_methods(["GET", "POST"])
def import_preview(request: HttpRequest, batch_id: int) -> HttpResponse:
    batch = batch_for(request.user, batch_id)
    if batch.status == ImportStatus.APPLIED:
        return render(request, "accounts/import_done.html", {"batch": batch})
    status, problem = 200, ""
    if request.method == "POST" and request.POST.get("action") == "map":
        batch.mapping = _posted_mapping(request, batch.headers)
        batch.save(update_fields=["mapping"])
        return redirect("import_preview", batch_id=batch.pk)
    mapping = {int(index): key for index, key in batch.mapping.items()}
    missing = [
        column.label for column in COLUMNS if column.key in REQUIRED and column.key not in mapping.values()
    ]
    plan = plan_import(batch.rows, mapping, batch.team_id) if not missing else None
    if request.method == "POST" and request.POST.get("action") == "apply" and plan is not None:
        try:
            result = apply_import(batch, decisions=_decisions(request, plan), by=request.user)
        except ImportRefused as refused:
            problem, status = str(refused), INVALID
        else:
            messages.success(
                request,
                IMPORTED % result.__dict__,
            )
            return redirect("import_preview", batch_id=batch.pk)
    rows = plan.rows if plan else []
    context = {
        "batch": batch,
        "columns": COLUMNS,
        "header_choices": [
            (index, header, mapping.get(index, "")) for index, header in enumerate(batch.headers)
        ],
        "missing": missing,
        "counts": plan.counts if plan else {},
        "errors": [row for row in rows if row.outcome == "error"][:LISTED],
        "duplicates": [row for row in rows if row.outcome == "duplicate"][:LISTED],
        "new_rows": [row for row in rows if row.outcome == "new"][:LISTED],
        "listed": LISTED,
        "problem": problem,
    }
    return render(request, "accounts/import_preview.html", context, status=status)
