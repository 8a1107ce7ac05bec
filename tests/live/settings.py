"""The project's settings with a test-only URLconf that can publish (never a public route)."""

from roundtable.settings import *  # noqa: F403

ROOT_URLCONF = "tests.live.urls"
