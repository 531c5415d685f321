"""Printing: HTML pages laid out as A4 PDFs by WeasyPrint (the plan, a visit sheet, the team report).

Nothing is fetched at run time: the only URLs WeasyPrint may follow are our own static files, read from
disk through the staticfiles finders; anything else (http, file, data from elsewhere) is refused. Text is
set in Noto Sans CJK SC (Debian's fonts-noto-cjk, found through fontconfig) and embedded as a subset.
"""

import functools
import hashlib
import mimetypes
import re
from pathlib import Path

from django.contrib.staticfiles import finders
from django.core.cache import cache

# A base URL that cannot resolve anywhere: relative links in the PDF template point into our static files.
STATIC_BASE = "https://static.invalid/"
# Self-contained (no app.css): fewer rules to match per element, and only fast layouts.
STYLESHEETS = ["css/print.css"]
CACHE_SECONDS = 60 * 60


class StaticFileNotServed(ValueError):
    pass


def static_path(url: str) -> Path:
    """The file on disk behind one of our static URLs; ValueError for anything else."""
    if not url.startswith(STATIC_BASE):
        raise StaticFileNotServed(f"not one of our static files: {url}")
    relative = url[len(STATIC_BASE) :].split("?")[0].split("#")[0]
    if ".." in Path(relative).parts:
        raise StaticFileNotServed(url)
    found = finders.find(relative)
    if not found:
        raise StaticFileNotServed(f"no such static file: {relative}")
    return Path(found)


def _fetcher():
    try:
        from weasyprint.urls import URLFetcher, URLFetcherResponse
    except ImportError:  # WeasyPrint < 68: a plain function returning a dict
        return static_only_fetch

    class StaticOnlyFetcher(URLFetcher):
        def __init__(self):
            # Not URLFetcher's: its network handlers are never used here, and building them loads the
            # system's CA certificates (≈20 ms a PDF). fetch() below is all WeasyPrint calls.
            self._fail_on_errors = False
            self._request = None

        def fetch(self, url, headers=None):
            path = static_path(url)
            content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, body=path.read_bytes(), headers={"Content-Type": content_type})

    return StaticOnlyFetcher()


def static_only_fetch(url: str, *args, **kwargs) -> dict:
    path = static_path(url)
    return {
        "string": path.read_bytes(),
        "mime_type": mimetypes.guess_type(path.name)[0] or "application/octet-stream",
        "redirected_url": url,
    }


# Rules of WeasyPrint's user-agent stylesheet that give *every* element pseudo-elements: ::marker (which only
# list items and summaries draw) and the footnote and note ones (our pages have neither). WeasyPrint
# computes a style for each of them on each element: a quarter of its styling time on a big plan.
UA_EVERY_ELEMENT_PSEUDO = re.compile(r"^::(marker|footnote-(call|marker)|note-(call|marker|callback))\b")


@functools.cache
def _html_class():
    """weasyprint.HTML, with its user-agent stylesheet minus the per-element pseudo-elements above (::marker
    kept for list items and summaries): the same rendering, faster. Plain HTML if this WeasyPrint is not
    shaped as expected (tests/test_plan_pdf.py checks that it is)."""
    from weasyprint import CSS, HTML
    from weasyprint import html as ua

    if not (hasattr(HTML, "_ua_stylesheets") and hasattr(ua, "UA") and hasattr(ua, "UA_STYLESHEET")):
        return HTML
    lines, dropped = [], 0
    for line in ua.UA.splitlines():
        if UA_EVERY_ELEMENT_PSEUDO.match(line):
            dropped += 1
            if line.startswith("::marker"):  # kept for what draws markers: list items and summaries
                lines.append("li::marker, summary" + line)
            continue
        lines.append(line)
    if dropped != 6:
        return HTML
    # Its @counter-style rules land in a dict of their own: documents take theirs from UA_COUNTER_STYLE.
    sheet = CSS(string="\n".join(lines), url_fetcher=_fetcher())

    class FastHTML(HTML):
        def _ua_stylesheets(self, forms=False):
            return [sheet if each is ua.UA_STYLESHEET else each for each in super()._ua_stylesheets(forms)]

    return FastHTML


def _stylesheet(name: str):
    """One of our static stylesheets, parsed by WeasyPrint once per process and file version: parsing
    print.css anew costs ≈30 ms a PDF."""
    url = STATIC_BASE + name
    return _parsed_stylesheet(url, static_path(url).stat().st_mtime_ns)


@functools.lru_cache(maxsize=8)
def _content_digest(path: str, version: int) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _stylesheet_digest(name: str) -> str:
    """What the stylesheet says, so a new release's print.css never meets a PDF cached from the old one."""
    path = static_path(STATIC_BASE + name)
    return _content_digest(str(path), path.stat().st_mtime_ns)


@functools.lru_cache(maxsize=8)
def _parsed_stylesheet(url: str, version: int):
    from weasyprint import CSS

    return CSS(url=url, url_fetcher=_fetcher())


def render_pdf(html: str, *, stylesheets: tuple[str, ...] = (), use_cache: bool = True) -> bytes:
    """The PDF of `html`, styled by its own <link>s and by `stylesheets` (names of our static files, parsed
    once per process). The HTML and the stylesheets fully determine the PDF, so an identical page (a
    submitted version, or a draft nobody changed) is served from the cache instead of laid out again."""
    sheets = [f"{name}:{_stylesheet_digest(name)}" for name in stylesheets]
    key = "plan-pdf:" + hashlib.sha256("\n".join([html, *sheets]).encode()).hexdigest()
    if use_cache and (cached := cache.get(key)) is not None:
        return cached
    # WeasyPrint is imported on first use (in _html_class): it loads Pango, which the web pages never need.
    document = _html_class()(string=html, base_url=STATIC_BASE, url_fetcher=_fetcher())
    body = document.write_pdf(stylesheets=[_stylesheet(name) for name in stylesheets])
    if use_cache:
        cache.set(key, body, timeout=CACHE_SECONDS)
    return body
