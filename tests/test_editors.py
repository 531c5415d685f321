"""The one concurrency rule, walked over every editor the way the URL walk walks every id: two people open
the same row, the first saves, the second is answered 409 with both values and nothing is overwritten.
An editor added without the check (any URL named *_edit) fails here."""

from decimal import Decimal, InvalidOperation

import pytest
from django.urls import reverse

from .conftest import client_for
from .html_forms import read_form
from .test_access import ids_by_kwarg, walk_patterns

# Who opens each editor (the rest are the project owner's): team pages are a leader's.
LEADER_EDITORS = {"thresholds_edit", "visit_template_edit"}
# The project's fields come in parts, each its own form.
QUERIES = {
    "project_edit": ["part=basics", "part=state", "part=prices", "part=people"],
    "visit_template_edit": ["type="],  # the team's default template
}
# Editors without a free-text field: the field each walk changes, and the two values it writes.
CHANGED = {
    "thresholds_edit": ("stale_days", "40", "50"),
    "project_edit?part=prices": ("our_price", "1000", "2000"),
    "project_edit?part=state": ("state", "S2", "S3"),
    "visit_template_edit?type=": (
        "questions",
        "甲的问题",
        "乙的问题",
    ),  # its first text field names the template
}


def field_to_change(key: str, fields) -> tuple[str, str, str]:
    if key in CHANGED:
        return CHANGED[key]
    for name, _value, kind in fields:
        if kind in ("text", "textarea") and name not in ("page", "csrfmiddlewaretoken", "device"):
            return name, "甲改过的内容", "乙改过的内容"
    raise AssertionError(f"{key}: no field to change; name one in CHANGED")


def same(shown: str | None, saved: str) -> bool:
    """A form shows 1000 saved as 1000.00."""
    try:
        return Decimal(shown) == Decimal(saved)
    except (TypeError, InvalidOperation):
        return shown == saved


def editors(org):
    ids = ids_by_kwarg(org)
    for _route, pattern in walk_patterns():
        if not (pattern.name or "").endswith("_edit"):
            continue
        url = reverse(pattern.name, kwargs={name: ids[name] for name in pattern.pattern.converters})
        for query in QUERIES.get(pattern.name, [""]):
            key = f"{pattern.name}?{query}" if query else pattern.name
            yield key, f"{url}?{query}" if query else url, pattern.name in LEADER_EDITORS


@pytest.mark.django_db
def test_every_editor_refuses_the_second_of_two_people_who_opened_the_same_row(org):
    walked = []
    for key, url, by_leader in editors(org):
        user = org.lead if by_leader else org.rep
        first, second = client_for(user), client_for(user)
        opened = [read_form(client.get(url).content.decode()) for client in (first, second)]
        name, mine, theirs = field_to_change(key, opened[0])
        for client, fields, value in ((first, opened[0], mine), (second, opened[1], theirs)):
            data: dict[str, list[str]] = {}
            for field, field_value, _kind in fields:
                data.setdefault(field, []).append(value if field == name else field_value)
            if name not in data:
                data[name] = [value]
            response = client.post(url, data)
            if client is first:
                assert response.status_code in (200, 302), (
                    f"{key}: the first save gave {response.status_code}"
                )
        assert response.status_code == 409, f"{key}: the second, stale save gave {response.status_code}"
        assert theirs in response.content.decode() and mine in response.content.decode(), key
        kept = dict((field, value) for field, value, _kind in read_form(first.get(url).content.decode()))
        assert same(kept.get(name), mine), (
            f"{key}: {name} is {kept.get(name)!r}, not the first save's {mine!r}"
        )
        walked.append(key)
    assert len(walked) >= 17, walked
    print(f"\nEditor walk: {len(walked)} editors, each refused a stale save: {', '.join(walked)}")


@pytest.mark.django_db
def test_two_taps_on_add_to_the_chain_add_the_contact_once_and_the_second_is_told(org, monkeypatch):
    from django.core.exceptions import ValidationError

    from projects.deals import services
    from projects.deals.models import ChainMember

    from .factories import ContactFactory

    newcomer = ContactFactory(account=org.account, name="钱工")
    # Both taps were validated before either was saved: the database's unique constraint decides.
    services.member_save(
        member=ChainMember(project=org.project, contact=newcomer), expected_version=None, by=org.rep
    )
    with pytest.raises(ValidationError) as refused:
        services.member_save(
            member=ChainMember(project=org.project, contact=newcomer), expected_version=None, by=org.rep
        )
    assert any("already in the decision chain" in m or "已在决策链" in m for m in refused.value.messages)
    # Racing, both passed validation: the database refuses the second insert, still not a 500.
    monkeypatch.setattr(ChainMember, "validate_constraints", lambda self, exclude=None: None)
    with pytest.raises(ValidationError):
        services.member_save(
            member=ChainMember(project=org.project, contact=newcomer), expected_version=None, by=org.rep
        )
    monkeypatch.undo()
    assert ChainMember.objects.filter(project=org.project, contact=newcomer).count() == 1
    # Through the page, the second tap answers 422 with the form, never a 500.
    response = client_for(org.rep).post(
        f"/projects/{org.project.pk}/chain/add/", {"contact": newcomer.pk, "stance": "neutral", "depth": 1}
    )
    assert response.status_code == 422
