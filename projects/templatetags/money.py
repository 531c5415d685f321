from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def cny(value) -> str:
    """¥3,800,000 — whole yuan with thousands separators, the way a deal review reads amounts."""
    if value in (None, ""):
        return "—"
    return f"¥{Decimal(value):,.0f}"
