from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.browser import CHROMIUM, CHROMIUM_ARGS
from tests.support.browser import screenshot as take_screenshot
from tests.support.world import DemoWorld, load_demo_world

# Playwright's sync API runs an event loop in the test thread (and the flush after a browser
# test runs while it is alive); the ORM calls the tests make are still synchronous and
# single-threaded, so Django's async guard does not apply to them.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

REPO = Path(__file__).resolve().parents[1]
SHARED = (REPO / ".." / "shared").resolve()


def need(path: Path) -> Path:
    """A path under ../shared, read in place (never copied into the repo); skip if absent."""
    if not path.exists():
        pytest.skip(f"shared data not found at {path} (tests read ../shared in place)")
    return path


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    return need(SHARED)


@pytest.fixture(scope="session")
def twisted_web() -> Path:
    return need(SHARED / "data" / "mail" / "twisted-web-pipermail" / "twisted-web")


@pytest.fixture(scope="session")
def ietf_fixtures() -> Path:
    return need(SHARED / "data" / "mail" / "ietf-mailarchive-fixtures")


@pytest.fixture(scope="session")
def seed_file() -> Path:
    return need(SHARED / "seed" / "000_ea5a0df0e708f861.txt")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: `python3 dev.py test` installs Debian's chromium.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Any, live_server: Any) -> Iterator[Any]:
    """A fresh Chromium page (own cookies) for a test that talks to the live server."""
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def screenshot() -> Any:
    return take_screenshot


@pytest.fixture(scope="module")
def demo_world(django_db_setup: Any, django_db_blocker: Any) -> Iterator[DemoWorld]:
    """The demo world, loaded once for the module and rolled back after it."""
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        yield load_demo_world()
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def _default_language_after_each_test() -> Iterator[None]:
    # A request in Arabic leaves Arabic active in the thread; the next test starts in English.
    yield
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _empty_page_cache() -> Iterator[None]:
    # Databases are rolled back between tests, so the audit chain's generation repeats: a page
    # kept by one test must not answer the next (roundtable/web/page_cache.py).
    from django.core.cache import caches

    from roundtable.web import observable_memo
    from roundtable.web.page_scopes import forget_resolutions

    caches["pages"].clear()
    forget_resolutions()
    observable_memo.forget()
    yield


# What opens the test database: pytest-django's mark or one of its fixtures (the demo world asks
# for django_db_setup; django_db_blocker is not one: every test has it). A test with none of
# these cannot reach the database at all.
DATABASE_FIXTURES = frozenset(
    {
        "db",
        "transactional_db",
        "django_db_setup",
        "django_db_reset_sequences",
        "django_db_serialized_rollback",
        "live_server",
    }
)


def uses_database(item: pytest.Item) -> bool:
    if item.get_closest_marker("django_db") or item.get_closest_marker("own_database"):
        return True
    return bool(DATABASE_FIXTURES & set(getattr(item, "fixturenames", ())))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """`dev.py test` runs the suite on SQLite, then (beside it) on PostgreSQL with
    ROUNDTABLE_TEST_DATABASE_ONLY=1: a test that never opens the database gives the same answer
    on both, so the second run leaves it out (and says how many, as pytest's "deselected")."""
    if os.environ.get("ROUNDTABLE_TEST_DATABASE_ONLY") != "1":
        return
    keep = [item for item in items if uses_database(item)]
    left = [item for item in items if not uses_database(item)]
    if left:
        config.hook.pytest_deselected(items=left)
        items[:] = keep
