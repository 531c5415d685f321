"""Nothing a rep writes is cut without a word: a long pain, a long visit purpose, a long question in the
team's sheet and a sheet with many rows arrive whole, from the draft through submit to the plan."""

import datetime

import pytest
from django.utils import timezone

from accounts.models import Contact
from projects.deals.models import Pain, Task
from projects.visits.models import VisitSheet

from .conftest import client_for

TODAY = timezone.localdate()


def long_text(words: str, length: int) -> str:
    """One line of `length` characters that differs all along (so a cut anywhere shows)."""
    text, n = "", 0
    while len(text) < length:
        text += f"{words}{n}；"
        n += 1
    return text[:length]


def save_draft(client, sheet, fields: dict) -> VisitSheet:
    response = client.post(f"/visits/{sheet.pk}/edit/", {"version": sheet.version, **fields})
    assert response.status_code == 302
    sheet.refresh_from_db()
    return sheet


def submit(client, sheet) -> None:
    response = client.post(f"/visits/{sheet.pk}/submit/", {"version": sheet.version})
    assert response.status_code == 302, response.content.decode()[:2000]
    sheet.refresh_from_db()
    assert sheet.status == "submitted"


@pytest.mark.django_db
def test_a_2000_character_pain_and_a_long_purpose_reach_the_plan_whole(org):
    pain = long_text("调度主站改造要求停电窗口极短", 2000)
    purpose = long_text("了解集采框架和技术规范编写进度", 1500)
    hook = long_text("下周送去三个网省的成功案例", 600)
    client = client_for(org.rep)
    sheet = VisitSheet.objects.create(project=org.project, created_by=org.rep)
    fields = {
        "date": TODAY.isoformat(),
        "purpose": purpose,
        "hooks": hook,
        "met-0-contact": org.contact.pk,
        "met-0-pains": pain,
    }
    sheet = save_draft(client, sheet, fields)
    assert sheet.data["purpose"] == purpose and sheet.data["met"][0]["pains"] == pain
    editor = client.get(f"/visits/{sheet.pk}/edit/").text
    assert purpose in editor and pain in editor and hook in editor

    submit(client, sheet)

    assert Pain.objects.get(member=org.member, text=pain)
    visit = sheet.activity
    assert visit.goal == purpose and visit.hook == hook
    for url in (f"/projects/{org.project.pk}/plan/", f"/projects/{org.project.pk}/"):
        page = client.get(url).text
        assert pain in page and purpose in page, url


@pytest.mark.django_db
def test_a_2000_character_pain_written_in_the_plan_is_kept_whole(org):
    pain = long_text("备件库存不足导致抢修延误", 2000)
    client = client_for(org.rep)
    response = client.post(
        f"/chain/{org.member.pk}/pains/add/", {"text": pain, "kind": "reliability"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert Pain.objects.get(member=org.member, text=pain)
    assert pain in client.get(f"/projects/{org.project.pk}/plan/").text


@pytest.mark.django_db
def test_a_500_character_question_in_the_teams_sheet_is_asked_whole(org):
    question = long_text("贵单位今年配电自动化改造的变电站数量和预算是多少", 500)
    response = client_for(org.lead).post(
        f"/teams/{org.team.pk}/visit-templates/",
        {"customer_type": "", "sections": ["bant"], "questions": f"{question}\n变电站数量？"},
    )
    assert response.status_code == 302
    client = client_for(org.rep)
    sheet = VisitSheet.objects.create(project=org.project, created_by=org.rep)
    editor = client.get(f"/visits/{sheet.pk}/edit/").text
    assert question in editor and "变电站数量？" in editor
    sheet = save_draft(client, sheet, {"custom-q1": "十二座", "custom-q2": "三座"})
    assert sheet.data["custom"] == {"q1": "十二座", "q2": "三座"}


@pytest.mark.django_db
def test_forty_rows_of_a_sheet_group_are_all_kept_and_all_applied(org):
    client = client_for(org.rep)
    sheet = VisitSheet.objects.create(project=org.project, created_by=org.rep)
    fields = {"date": TODAY.isoformat(), "met-0-contact": org.contact.pk}
    for i in range(40):
        fields[f"met-{i + 1}-new_name"] = f"新人{i:02d}"
        fields[f"next_steps-{i}-text"] = f"第{i:02d}步"
        fields[f"next_steps-{i}-date"] = (TODAY + datetime.timedelta(days=i + 1)).isoformat()
        fields[f"must_learn-{i}-text"] = f"问题{i:02d}"
    sheet = save_draft(client, sheet, fields)
    assert len(sheet.data["met"]) == 41
    assert len(sheet.data["next_steps"]) == 40 and len(sheet.data["must_learn"]) == 40
    editor = client.get(f"/visits/{sheet.pk}/edit/").text
    assert "新人39" in editor and "第39步" in editor and "问题39" in editor

    submit(client, sheet)

    assert Contact.objects.filter(account=org.account, name__startswith="新人").count() == 40
    # Next steps are tasks (待办): all forty, and the submitted sheet shows every one.
    tasks = Task.objects.filter(project=org.project, text__startswith="第")
    assert sorted(tasks.values_list("text", flat=True)) == [f"第{i:02d}步" for i in range(40)]
    assert "第39步" in client.get(f"/visits/{sheet.pk}/").text
