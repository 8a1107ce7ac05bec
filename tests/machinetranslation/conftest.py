"""The LibreTranslate-speaking server on loopback, set as the site's provider for one test."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.libretranslate import libretranslate_on_loopback


@pytest.fixture
def service(settings: Any) -> Any:
    with libretranslate_on_loopback() as fake:
        settings.ROUNDTABLE_MT_URL = fake.url
        settings.ROUNDTABLE_MT_TIMEOUT = 5.0
        yield fake
