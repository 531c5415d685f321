import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english_messages():
    # Assertions read the English msgids; the app's default language is zh-hans.
    with translation.override("en"):
        yield
