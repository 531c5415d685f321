"""The negotiation exchange table (谈判交换表) summed against the price gap between the two offers."""

from dataclasses import dataclass
from decimal import Decimal

from projects.rules.data import PlanData

ZERO = Decimal("0")


@dataclass(frozen=True)
class Exchange:
    gap: Decimal | None  # our offer − their target price; None without both prices
    offered_cost: Decimal
    offered_value: Decimal
    total_cost: Decimal
    total_value: Decimal

    @property
    def closed(self) -> bool | None:
        """Closed when the offered terms are worth at least the gap to the customer."""
        return None if self.gap is None else self.offered_value >= self.gap

    @property
    def open_by(self) -> Decimal | None:
        return None if self.gap is None else max(self.gap - self.offered_value, ZERO)


def exchange(plan: PlanData) -> Exchange:
    offered = [term for term in plan.terms if term.offered]
    gap = None if plan.our_price is None or plan.their_price is None else plan.our_price - plan.their_price
    return Exchange(
        gap=gap,
        offered_cost=sum((t.cost_to_us for t in offered), ZERO),
        offered_value=sum((t.value_to_them for t in offered), ZERO),
        total_cost=sum((t.cost_to_us for t in plan.terms), ZERO),
        total_value=sum((t.value_to_them for t in plan.terms), ZERO),
    )
