"""The six catalogs are complete, have no fuzzy entries and are compiled."""

from __future__ import annotations

import gettext
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from tests.support.po import catalog_gaps, msgfmt_errors, read_po

REPO = Path(__file__).resolve().parents[2]
LOCALE = REPO / "roundtable" / "locale"
CODES = ["ar", "zh_Hans", "es", "fr", "ru", "en"]


def test_settings_languages_are_the_six_un_languages() -> None:
    assert [code for code, _ in settings.LANGUAGES] == ["ar", "zh-hans", "en", "es", "fr", "ru"]


@pytest.fixture(scope="module")
def fresh_catalogs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Re-extract every marked string from a copy of the code into a copy of the catalogs."""
    if not shutil.which("xgettext"):
        pytest.fail("xgettext is missing: `python3 dev.py test` installs Debian's gettext.")
    copy = tmp_path_factory.mktemp("i18n") / "roundtable"
    shutil.copytree(
        REPO / "roundtable",
        copy,
        ignore=shutil.ignore_patterns("__pycache__", "*.mo", "migrations"),
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "roundtable.cli",
            "makemessages",
            "-a",
            "--no-location",
            "--no-obsolete",
            "--ignore",
            "static",
        ],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return copy / "locale"


@pytest.mark.parametrize("code", [c for c in CODES if c != "en"])
def test_catalog_has_every_message_translated_and_none_fuzzy(
    fresh_catalogs: Path, code: str
) -> None:
    committed = LOCALE / code / "LC_MESSAGES" / "django.po"
    assert committed.exists(), f"missing catalog {committed}"
    fresh = read_po(fresh_catalogs / code / "LC_MESSAGES" / "django.po")
    assert len([e for e in fresh if e.msgid and not e.obsolete]) > 10
    missing, fuzzy = catalog_gaps(fresh)
    assert not missing, f"{code}: {len(missing)} untranslated, e.g. {missing[:5]}"
    assert not fuzzy, f"{code}: fuzzy entries {fuzzy[:5]}"
    committed_fuzzy = [e.msgid for e in read_po(committed) if e.fuzzy and e.msgid]
    assert not committed_fuzzy, f"{code}: committed catalog keeps fuzzy entries"


@pytest.mark.parametrize("code", CODES)
def test_catalog_is_compiled(code: str) -> None:
    po = LOCALE / code / "LC_MESSAGES" / "django.po"
    mo = po.with_suffix(".mo")
    assert mo.exists(), f"{mo} missing: run `roundtable compilemessages`"
    with mo.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    # A fuzzy header is left out by msgfmt, and with it the plural rule: Arabic's six forms and
    # Russian's four would silently fall back to English plurals.
    assert "plural-forms" in compiled.info(), f"{code}: catalog header missing or fuzzy"
    for entry in read_po(po):
        if not entry.msgid or entry.obsolete or entry.fuzzy or not entry.translated:
            continue
        text = (
            compiled.pgettext(entry.msgctxt, entry.msgid)
            if entry.msgctxt
            else compiled.gettext(entry.msgid)
        )
        if entry.msgid_plural is None:
            assert text == entry.msgstr[0], f"{code}: {entry.msgid!r} not compiled"


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext is not installed")
@pytest.mark.parametrize("code", CODES)
def test_catalog_passes_msgfmt_check(code: str) -> None:
    """`msgfmt -c`: every plural entry has as many forms as the language has (Arabic six,
    Russian four, Spanish three): a missing form falls back to English for those numbers."""
    fatal = msgfmt_errors(LOCALE / code / "LC_MESSAGES" / "django.po")
    assert not fatal, "\n".join(fatal)
