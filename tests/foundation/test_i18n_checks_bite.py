"""The catalog checks of test_i18n.py really fail: run on doctored copies of the Arabic catalog
(an entry emptied, one plural form emptied, an entry marked fuzzy, a plural entry short of a
form)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.support.po import catalog_gaps, msgfmt_errors, read_po

REPO = Path(__file__).resolve().parents[2]
ARABIC = REPO / "roundtable" / "locale" / "ar" / "LC_MESSAGES" / "django.po"
WORD = 'msgid "%(counter)s word"\nmsgid_plural "%(counter)s words"\n'

needs_msgfmt = pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext missing")


def doctored(tmp_path: Path, change: str, by: str) -> Path:
    text = ARABIC.read_text(encoding="utf-8")
    assert change in text, f"the catalog no longer has {change!r}"
    copy = tmp_path / "django.po"
    copy.write_text(text.replace(change, by, 1), encoding="utf-8")
    return copy


def test_the_committed_catalog_passes() -> None:
    assert catalog_gaps(read_po(ARABIC)) == ([], [])


def test_an_untranslated_entry_is_caught(tmp_path: Path) -> None:
    entry = re.search(r'msgid "Audit trail"\nmsgstr ".+"\n', ARABIC.read_text(encoding="utf-8"))
    assert entry is not None
    po = doctored(tmp_path, entry.group(0), 'msgid "Audit trail"\nmsgstr ""\n')
    missing, fuzzy = catalog_gaps(read_po(po))
    assert missing == ["Audit trail"] and fuzzy == []


def test_one_empty_plural_form_is_caught(tmp_path: Path) -> None:
    po = doctored(tmp_path, 'msgstr[4] "%(counter)s كلمة"', 'msgstr[4] ""')
    assert catalog_gaps(read_po(po))[0] == ["%(counter)s word"]


def test_a_fuzzy_entry_is_caught(tmp_path: Path) -> None:
    po = doctored(tmp_path, 'msgid "Audit trail"', '#, fuzzy\nmsgid "Audit trail"')
    assert catalog_gaps(read_po(po)) == ([], ["Audit trail"])


@needs_msgfmt
def test_a_plural_entry_short_of_a_form_is_caught(tmp_path: Path) -> None:
    text = ARABIC.read_text(encoding="utf-8")
    entry = re.search(re.escape(WORD) + r'(msgstr\[\d\] ".*"\n)+', text)
    assert entry is not None
    short = entry.group(0).replace('msgstr[5] "%(counter)s كلمة"\n', "")
    po = doctored(tmp_path, entry.group(0), short)
    errors = msgfmt_errors(po)
    assert any("only 5 plural forms" in line for line in errors), errors
