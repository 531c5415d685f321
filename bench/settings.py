"""The application's settings, but with bench.reference_urls as the URLconf: the benchmark's reference
page is served beside the application's pages without ever being one of them."""

from pathlib import Path

from salescamp.settings import *  # noqa: F403
from salescamp.settings import TEMPLATES

ROOT_URLCONF = "bench.reference_urls"
TEMPLATES = [{**TEMPLATES[0], "DIRS": [*TEMPLATES[0]["DIRS"], Path(__file__).resolve().parent / "templates"]}]
