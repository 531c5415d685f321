"""Next steps written on submitted visit sheets were filed as planned visits with everyone met attached as
the customer side (a false activity in the plan, its parity column and its PDF). Each one still as the sheet
made it becomes the task (待办) it was: the sheet's own data says which recorded activities were next steps
(not done, a visit, its goal one of the sheet's next-step texts). One someone has edited since (its version
moved on) or marked done was taken up deliberately, and stays an activity."""

from django.db import migrations


def next_steps_to_tasks(apps, schema_editor):
    VisitSheet = apps.get_model("projects", "VisitSheet")
    Task = apps.get_model("projects", "Task")
    WarningsEvaluation = apps.get_model("projects", "WarningsEvaluation")
    changed_projects = set()
    sheets = VisitSheet.objects.filter(status="submitted").select_related("created_by")
    for sheet in sheets.iterator(chunk_size=200):
        steps = [row for row in (sheet.data or {}).get("next_steps", []) if row.get("text")]
        if not steps:
            continue
        texts = [row["text"] for row in steps]
        candidates = (
            sheet.recorded.filter(done=False, kind="visit", version=1)
            .exclude(pk=sheet.activity_id)
            .prefetch_related("our_people")
            .order_by("pk")
        )
        for activity in candidates:
            if activity.goal not in texts:
                continue
            texts.remove(activity.goal)  # each next step matches one activity
            owners = sorted(activity.our_people.all(), key=lambda user: user.pk)
            Task.objects.create(
                project_id=activity.project_id,
                text=activity.goal[:300],
                owner=owners[0] if owners else sheet.created_by,
                due=activity.date,
                visit=sheet,
            )
            changed_projects.add(activity.project_id)
            activity.delete()
    # The projects lost activities the engine read: the next refresh re-evaluates their warnings.
    WarningsEvaluation.objects.filter(project_id__in=changed_projects).update(evaluated_on=None)


class Migration(migrations.Migration):
    dependencies = [("projects", "0015_tasks_and_deletable_drafts")]

    operations = [migrations.RunPython(next_steps_to_tasks, migrations.RunPython.noop)]
