"""Review (审阅): submit, comment, approve or return; who may do what; bad input changes nothing."""

import pytest
from django.utils import translation

from projects.plans import review
from projects.plans.models import PlanStatus, PlanSubmission, ReviewComment

from .conftest import client_for
from .factories import MembershipFactory, UserFactory


def english(client):
    client.cookies["django_language"] = "en"
    return client


def submit(org):
    return review.plan_submit(project=org.project, by=org.rep)


@pytest.mark.django_db
def test_submitting_freezes_a_numbered_version_awaiting_review(org, rep_client):
    response = rep_client.post(f"/projects/{org.project.pk}/plan/submit/")
    assert response.status_code == 302
    submission = PlanSubmission.objects.get()
    assert (submission.number, submission.status, submission.submitted_by) == (1, "submitted", org.rep)
    assert submission.snapshot["plan"]["name"] == "配电自动化项目"
    assert response["Location"] == f"/projects/{org.project.pk}/plan/v1/"


@pytest.mark.django_db
def test_submitting_a_plan_already_awaiting_review_is_refused_and_changes_nothing(org, rep_client):
    submit(org)
    response = english(rep_client).post(f"/projects/{org.project.pk}/plan/submit/")
    assert response.status_code == 409
    assert "already awaiting review" in response.text
    assert PlanSubmission.objects.count() == 1


@pytest.mark.django_db
def test_the_team_lead_comments_on_sections_and_returns_with_a_reason(org):
    submission = submit(org)
    lead = client_for(org.lead)
    for section, text in [("chain", "缺少财务条线的人"), ("activities", "宴请要请领导出面")]:
        response = lead.post(
            f"/projects/{org.project.pk}/plan/v1/comment/", {"section": section, "text": text}
        )
        assert response.status_code == 302
    response = lead.post(
        f"/projects/{org.project.pk}/plan/v1/decide/", {"decision": "returned", "reason": "先把饭局改掉"}
    )
    assert response.status_code == 302
    submission.refresh_from_db()
    assert (submission.status, submission.decided_by, submission.decision_reason) == (
        "returned",
        org.lead,
        "先把饭局改掉",
    )
    assert list(ReviewComment.objects.values_list("section", flat=True)) == ["chain", "activities"]


@pytest.mark.django_db
def test_the_rep_sees_each_comment_beside_its_section_and_the_thread_follows_into_the_next_version(org):
    first = submit(org)
    review.comment_add(submission=first, section="chain", text="桥梁找对了吗？", by=org.lead)
    review.plan_return(submission=first, reason="再想想", by=org.lead)
    second = submit(org)
    review.comment_add(submission=second, section="chain", text="这次可以", by=org.lead)
    page = client_for(org.rep).get(f"/projects/{org.project.pk}/plan/").text
    chain = page[page.index('id="section-chain"') : page.index('id="section-pains"')]
    assert "桥梁找对了吗？" in chain and "这次可以" in chain
    assert chain.index("v1") < chain.index("v2")
    # The version page shows the thread up to that version only.
    v1 = client_for(org.rep).get(f"/projects/{org.project.pk}/plan/v1/").text
    assert "桥梁找对了吗？" in v1 and "这次可以" not in v1


@pytest.mark.django_db
def test_a_rep_can_never_approve_their_own_plan(org, rep_client):
    submit(org)
    response = english(rep_client).post(
        f"/projects/{org.project.pk}/plan/v1/decide/", {"decision": "approved"}
    )
    assert response.status_code == 403
    assert "Only a manager" in response.text
    assert PlanSubmission.objects.get().status == "submitted"


@pytest.mark.django_db
def test_a_manager_who_owns_the_project_cannot_approve_it_either(org):
    org.project.owner = org.lead
    org.project.save()
    review.plan_submit(project=org.project, by=org.lead)
    response = client_for(org.lead).post(
        f"/projects/{org.project.pk}/plan/v1/decide/", {"decision": "approved"}
    )
    assert response.status_code == 403
    assert PlanSubmission.objects.get().status == "submitted"
    # The director above can.
    response = english(client_for(org.director)).post(
        f"/projects/{org.project.pk}/plan/v1/decide/", {"decision": "approved"}
    )
    assert response.status_code == 302
    assert PlanSubmission.objects.get().status == "approved"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("owner", "submitter"),
    [("lead", "rep"), ("rep", "lead")],
    ids=["a-manager-owns-it-a-rep-submitted-it", "a-rep-owns-it-the-manager-submitted-it"],
)
def test_a_manager_cannot_decide_a_plan_they_own_or_submitted_even_when_someone_else_did_the_other(
    org, owner, submitter
):
    """Each half of "one's own plan" on its own: owning the project, or having submitted the version."""
    org.project.owner = getattr(org, owner)
    org.project.save()
    org.project.shared_with.add(org.rep)  # the rep works on the lead's project
    submission = review.plan_submit(project=org.project, by=getattr(org, submitter))
    lead = english(client_for(org.lead))
    version = f"/projects/{org.project.pk}/plan/v1/"

    page = lead.get(version).text
    assert "Record the decision" not in page and "Your own plan: another manager" in page
    assert version not in lead.get("/reviews/").text
    for decision in ({"decision": "approved"}, {"decision": "returned", "reason": "再改改"}):
        response = lead.post(f"{version}decide/", decision)
        assert response.status_code == 403
        assert "You cannot approve or return your own plan" in response.text
    with pytest.raises(review.ReviewRefused):
        review.plan_approve(submission=submission, by=org.lead)
    submission.refresh_from_db()
    assert (submission.status, submission.decided_by) == ("submitted", None)

    # Another manager of the team (the director above it) reviews it.
    director = english(client_for(org.director))
    assert version in director.get("/reviews/").text and "Record the decision" in director.get(version).text
    assert director.post(f"{version}decide/", {"decision": "approved"}).status_code == 302
    submission.refresh_from_db()
    assert (submission.status, submission.decided_by) == ("approved", org.director)


@pytest.mark.django_db
def test_a_manager_of_an_ancestor_team_can_approve(org):
    submit(org)
    response = client_for(org.director).post(
        f"/projects/{org.project.pk}/plan/v1/decide/", {"decision": "approved", "reason": "好"}
    )
    assert response.status_code == 302
    submission = PlanSubmission.objects.get()
    assert (submission.status, submission.decided_by) == ("approved", org.director)


@pytest.mark.django_db
def test_a_teammate_who_cannot_see_the_project_gets_404_for_everything(org):
    submit(org)
    teammate = client_for(org.teammate)
    base = f"/projects/{org.project.pk}/plan"
    assert teammate.get(f"{base}/v1/").status_code == 404
    assert teammate.post(f"{base}/v1/comment/", {"section": "chain", "text": "hi"}).status_code == 404
    assert teammate.post(f"{base}/v1/decide/", {"decision": "approved"}).status_code == 404
    assert teammate.get(f"/projects/{org.project.pk}/plan.pdf?version=1").status_code == 404
    assert not ReviewComment.objects.exists() and PlanSubmission.objects.get().status == "submitted"


@pytest.mark.django_db
def test_a_shared_teammate_may_comment_but_not_decide(org):
    org.project.shared_with.add(org.teammate)
    submit(org)
    teammate = client_for(org.teammate)
    assert (
        teammate.post(
            f"/projects/{org.project.pk}/plan/v1/comment/", {"section": "tender", "text": "我补充"}
        ).status_code
        == 302
    )
    assert (
        teammate.post(f"/projects/{org.project.pk}/plan/v1/decide/", {"decision": "approved"}).status_code
        == 403
    )


@pytest.mark.django_db
def test_approving_a_returned_version_is_refused(org):
    submission = submit(org)
    review.plan_return(submission=submission, reason="再改改", by=org.lead)
    response = english(client_for(org.director)).post(
        f"/projects/{org.project.pk}/plan/v1/decide/", {"decision": "approved"}
    )
    assert response.status_code == 409
    assert "no longer awaiting review" in response.text
    submission.refresh_from_db()
    assert submission.status == "returned" and submission.decided_by == org.lead


@pytest.mark.django_db
def test_returning_needs_a_reason(org):
    submit(org)
    response = client_for(org.lead).post(
        f"/projects/{org.project.pk}/plan/v1/decide/", {"decision": "returned"}
    )
    assert response.status_code == 422
    assert PlanSubmission.objects.get().status == "submitted"


@pytest.mark.django_db
@pytest.mark.parametrize("section", ["", "gifts", "chain<script>"])
def test_commenting_on_a_missing_or_unknown_section_is_refused(org, section):
    submit(org)
    response = english(client_for(org.lead)).post(
        f"/projects/{org.project.pk}/plan/v1/comment/", {"section": section, "text": "看看"}
    )
    assert response.status_code == 422
    assert "Choose one of the plan" in response.text
    assert not ReviewComment.objects.exists()


@pytest.mark.django_db
def test_an_empty_comment_is_refused(org):
    submit(org)
    response = client_for(org.lead).post(
        f"/projects/{org.project.pk}/plan/v1/comment/", {"section": "chain", "text": " "}
    )
    assert response.status_code == 422
    assert not ReviewComment.objects.exists()


@pytest.mark.django_db
def test_an_unknown_version_is_404(org, rep_client):
    submit(org)
    assert rep_client.get(f"/projects/{org.project.pk}/plan/v9/").status_code == 404
    assert (
        rep_client.post(f"/projects/{org.project.pk}/plan/v9/comment/", {"section": "chain"}).status_code
        == 404
    )


@pytest.mark.django_db
def test_the_service_refuses_the_same_way_without_a_request(org):
    submission = submit(org)
    with pytest.raises(review.ReviewRefused) as refused:
        review.plan_approve(submission=submission, by=org.rep)
    assert refused.value.status == 403
    with pytest.raises(review.ReviewRefused):
        review.plan_submit(project=org.project, by=org.rep)
    with pytest.raises(review.ReviewRefused):
        review.comment_add(submission=submission, section="nope", text="x", by=org.lead)


# ---- the review desk -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_review_queue_lists_plans_awaiting_review_in_the_managers_teams(org):
    submit(org)
    lead_page = client_for(org.lead).get("/reviews/").text
    assert "配电自动化项目" in lead_page and f"/projects/{org.project.pk}/plan/v1/" in lead_page
    assert "配电自动化项目" not in client_for(org.rep).get("/reviews/").text
    assert "配电自动化项目" not in client_for(org.stranger).get("/reviews/").text


@pytest.mark.django_db
def test_a_manager_steps_through_the_queue_one_plan_after_another(org):
    from .factories import ProjectFactory

    other_rep = UserFactory(display_name="小赵")
    MembershipFactory(user=other_rep, team=org.team)
    other = ProjectFactory(account=org.account, team=org.team, owner=other_rep, name="第二个项目")
    submit(org)
    review.plan_submit(project=other, by=other_rep)
    lead = client_for(org.lead)
    page = lead.get(f"/projects/{org.project.pk}/plan/v1/").text
    assert f"/projects/{other.pk}/plan/v1/" in page  # next plan awaiting review
    response = lead.post(f"/projects/{org.project.pk}/plan/v1/decide/", {"decision": "approved"})
    assert response["Location"] == f"/projects/{other.pk}/plan/v1/"
    response = lead.post(f"/projects/{other.pk}/plan/v1/decide/", {"decision": "approved"})
    assert response["Location"] == "/reviews/"


@pytest.mark.django_db
def test_the_nav_shows_reviews_to_managers_only(org):
    with translation.override("en"):
        assert "/reviews/" in client_for(org.lead).get("/").text
        assert "/reviews/" not in client_for(org.rep).get("/").text


@pytest.mark.django_db
def test_the_version_status_moves_only_once(org):
    submission = submit(org)
    review.plan_approve(submission=submission, by=org.lead)
    with pytest.raises(review.ReviewRefused):
        review.plan_return(submission=submission, reason="改主意了", by=org.director)
    assert PlanSubmission.objects.get().status == PlanStatus.APPROVED


@pytest.mark.django_db
def test_a_rep_resubmitting_after_a_return_tells_the_reviewer_what_changed(org, rep_client):
    first = submit(org)
    review.plan_return(submission=first, by=org.lead, reason="CP3 要有具体行动")
    page = rep_client.get(f"/projects/{org.project.pk}/plan/").content.decode()
    assert 'name="note"' in page and "这一版改了什么" in page

    rep_client.post(f"/projects/{org.project.pk}/plan/submit/", {"note": "CP3：优势已写进招标文件"})

    second = PlanSubmission.objects.get(number=2)
    assert second.note == "CP3：优势已写进招标文件"
    lead = client_for(org.lead)
    assert "CP3：优势已写进招标文件" in lead.get(f"/projects/{org.project.pk}/plan/v2/").content.decode()
    assert "CP3：优势已写进招标文件" in lead.get("/reviews/").content.decode()


@pytest.mark.django_db
def test_the_managers_navigation_counts_the_plans_awaiting_them(org):
    lead = client_for(org.lead)
    assert "badge-count" not in lead.get("/reviews/count/").content.decode()
    assert 'hx-get="/reviews/count/"' in lead.get("/").content.decode()
    submit(org)
    badge = lead.get("/reviews/count/").content.decode()
    assert '<span class="badge-count inline">1</span>' in badge
    # The rep who submitted is no reviewer of his own plan.
    assert "badge-count" not in client_for(org.rep).get("/reviews/count/").content.decode()
