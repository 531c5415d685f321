"""Choices are defined once for the models; the engine keeps its own copy of the values (it imports nothing
of the ORM), and these tests prove each copy equals the models' choices — a new role, kind or level added
to one side fails here until the other has it too."""

import pytest

from accounts import models as accounts
from projects.deals import models as deals
from projects.plans.models import PLAN_SECTIONS
from projects.rules import codes
from projects.rules.base import Section
from salescamp.models import Rank

PAIRS = [
    (Rank, codes.Rank),
    (accounts.Level, codes.Level),
    (accounts.Function, codes.Function),
    (accounts.Personality, codes.Personality),
    (accounts.ProcurementGroup, codes.ProcurementGroup),
    (deals.Depth, codes.Depth),
    (deals.Stance, codes.Stance),
    (deals.PainKind, codes.PainKind),
    (deals.AskKind, codes.AskKind),
    (deals.ActivityKind, codes.ActivityKind),
    (deals.Topic, codes.Topic),
    (deals.GiftKind, codes.GiftKind),
    (deals.ControlPointStatus, codes.ControlPointStatus),
    (deals.CustomerState, codes.State),
    (deals.Strategy, codes.Strategy),
    (deals.Stage, codes.Stage),
    (deals.InternalSaleStatus, codes.InternalSaleStatus),
    (deals.ResourceStatus, codes.ResourceStatus),
    (deals.TenderItemKind, codes.TenderItemKind),
    (deals.TenderItemStatus, codes.TenderItemStatus),
]


@pytest.mark.parametrize(("model_choices", "engine_codes"), PAIRS, ids=[p[1].__name__ for p in PAIRS])
def test_the_engines_codes_equal_the_models_choices(model_choices, engine_codes):
    assert sorted(model_choices.values, key=str) == sorted((c.value for c in engine_codes), key=str)


def test_roles_the_models_store_are_the_engines_typed_roles():
    # 高层 (high_level) is computed by the parity rule, never stored.
    assert set(deals.Role.values) == {r.value for r in codes.Role} - {codes.Role.HIGH_LEVEL}


def test_the_plans_sections_are_the_reviews_sections_in_the_same_order():
    assert [code for code, _label in PLAN_SECTIONS] == [section.value for section in Section]
