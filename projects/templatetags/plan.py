"""Template tags for drawing the plan's plain data: the words for its codes, links to its editors."""

from urllib.parse import urlencode

from django import template
from django.urls import reverse
from django.utils.html import format_html

from projects.deals.labels import joined, label
from projects.rules import CATALOGUE

register = template.Library()


@register.filter(name="label")
def label_filter(code, kind: str) -> str:
    """{{ member.stance|label:"stance" }} → 支持"""
    return label(kind, code)


@register.filter(name="joined")
def joined_filter(items) -> str:
    """A list in the language's way: 王总、李总 / 王总, 李总."""
    return joined(items)


@register.simple_tag(takes_context=True)
def editor(context, name: str, *args, text: str = "", cls: str = "edit", query: str = "", aria: str = ""):
    """A link that opens an editor in the page's panel (htmx), or on a page of its own without JavaScript.
    The editor learns which page it was opened from (`page` in the context), to redraw that page after a
    save. `query`: more query parameters, already encoded."""
    params = urlencode({"page": context.get("page") or "project"}) + (f"&{query}" if query else "")
    href = f"{reverse(name, args=args)}?{params}"
    return format_html(
        '<a class="{}" href="{}" hx-get="{}" hx-target="#panel" hx-swap="innerHTML show:#panel:top"{}>{}</a>',
        cls,
        href,
        href,
        format_html(' aria-label="{}"', aria) if aria else "",
        text,
    )


@register.filter
def param(text, name: str):
    """A value a warning's message was made with: {{ warning.message|param:"days" }}."""
    return text.param(name)


@register.filter
def warning_title(code: str):
    """The catalogue's words for a warning code: no raw code on a page."""
    return CATALOGUE[code][1] if code in CATALOGUE else code
