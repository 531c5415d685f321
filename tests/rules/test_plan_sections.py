"""The plan's own sections in the engine: the negotiation exchange table, the competition, the resource
plan."""

from decimal import Decimal

from projects.rules import competitor_no_edge, key_contact_no_resource, negotiation_gap_open
from projects.rules.data import Competitor, NegotiationTerm, ResourceItem
from projects.rules.exchange import exchange

from .builders import activity, executive, fires, member, plan, run


def priced(our: str | None, their: str | None, *terms: tuple[str, str, bool]):
    return {
        "our_price": None if our is None else Decimal(our),
        "their_price": None if their is None else Decimal(their),
        "terms": tuple(
            NegotiationTerm(term=f"条款{i}", cost_to_us=Decimal(c), value_to_them=Decimal(v), offered=o)
            for i, (c, v, o) in enumerate(terms)
        ),
    }


def deal_plan(**deal):
    import dataclasses

    return dataclasses.replace(plan(), **deal)


def test_gap_open_fires_when_the_offered_terms_are_worth_less_than_the_gap():
    p = deal_plan(**priced("1000000", "900000", ("10000", "60000", True), ("5000", "80000", False)))
    (warning,) = run(negotiation_gap_open, p)
    assert warning.subject.id == "negotiation"
    assert str(warning.message) == (
        "The terms offered are worth ¥60,000 to them and the price gap is ¥100,000: ¥40,000 is still open."
    )


def test_gap_open_is_silent_when_the_offered_terms_close_the_gap_exactly():
    p = deal_plan(**priced("1000000", "900000", ("10000", "100000", True)))
    assert exchange(p).closed is True
    assert not fires(negotiation_gap_open, p)


def test_gap_open_is_silent_without_both_prices():
    assert not fires(negotiation_gap_open, deal_plan(**priced("1000000", None, ("1", "2", True))))
    assert exchange(deal_plan(**priced(None, None))).closed is None


def test_no_edge_fires_per_competitor_without_one_and_is_silent_with_one():
    p = deal_plan(competitors=(Competitor(name="友商A"), Competitor(name="友商B", our_edge="本地服务")))
    (warning,) = run(competitor_no_edge, p)
    assert str(warning.message) == "No edge over 友商A recorded."
    assert not fires(competitor_no_edge, deal_plan(competitors=(Competitor(name="友商B", our_edge="快"),)))


def test_no_resource_fires_for_a_key_contact_with_nothing_given_or_planned():
    bridge = member(1, name="刘组长", roles={"bridge"})
    (warning,) = run(key_contact_no_resource, plan(members=[bridge], activities=[]))
    assert warning.subject.kind == "contact" and warning.subject.id == 1
    assert "同类项目成功案例" in str(warning.next_step) or "Success cases" in str(warning.next_step)


def test_no_resource_is_silent_once_something_is_planned_given_or_the_contact_is_not_key():
    bridge = member(1, roles={"bridge"}, resource_plan=(ResourceItem(resource="info.success_case"),))
    assert not fires(key_contact_no_resource, plan(members=[bridge]))
    given = member(1, roles={"bridge"})
    p = plan(members=[given], activities=[activity(resources=["info.professional"], contacts=[1])])
    assert not fires(key_contact_no_resource, p)
    assert not fires(key_contact_no_resource, plan(members=[member(1, roles={"general"})]))


def test_an_executive_is_key_by_parity_even_without_a_typed_role():
    assert fires(key_contact_no_resource, plan(members=[executive()]))
