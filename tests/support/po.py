"""A small reader for gettext .po files, enough to check the catalogs' completeness."""

from __future__ import annotations

import ast
import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Entry:
    msgctxt: str | None = None
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    fuzzy: bool = False
    obsolete: bool = False

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.msgctxt, self.msgid)

    @property
    def translated(self) -> bool:
        return bool(self.msgstr) and all(self.msgstr.values())


def read_po(path: Path) -> list[Entry]:
    entries: list[Entry] = []
    current = Entry()
    field_name: tuple[str, int] | None = None
    started = False

    def flush() -> None:
        nonlocal current, started
        if started:
            entries.append(current)
        current, started = Entry(), False

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            flush()
            field_name = None
            continue
        if line.startswith("#~"):
            current.obsolete = True
            started = True
            continue
        if line.startswith("#,"):
            current.fuzzy = current.fuzzy or "fuzzy" in line
            continue
        if line.startswith("#"):
            continue
        if line.startswith('"'):
            value = ast.literal_eval(line)
        else:
            keyword, _, rest = line.partition(" ")
            value = ast.literal_eval(rest)
            started = True
            if keyword.startswith("msgstr["):
                field_name = ("msgstr", int(keyword[7:-1]))
                current.msgstr[field_name[1]] = ""
            else:
                field_name = (keyword, 0)
                if keyword == "msgstr":
                    current.msgstr[0] = ""
                elif keyword == "msgid":
                    current.msgid = ""
                elif keyword == "msgid_plural":
                    current.msgid_plural = ""
                elif keyword == "msgctxt":
                    current.msgctxt = ""
        assert field_name is not None, f"{path}: stray string {raw!r}"
        name, index = field_name
        if name == "msgstr":
            current.msgstr[index] += value
        elif name == "msgid":
            current.msgid += value
        elif name == "msgid_plural":
            current.msgid_plural = (current.msgid_plural or "") + value
        elif name == "msgctxt":
            current.msgctxt = (current.msgctxt or "") + value
    flush()
    return entries


def catalog_gaps(entries: list[Entry]) -> tuple[list[str], list[str]]:
    """The msgids left untranslated (any plural form empty) and those marked fuzzy."""
    messages = [e for e in entries if e.msgid and not e.obsolete]
    missing = [e.msgid for e in messages if not e.translated]
    fuzzy = [e.msgid for e in messages if e.fuzzy]
    return missing, fuzzy


def msgfmt_errors(path: Path) -> list[str]:
    """`msgfmt -c`'s fatal complaints (a plural entry with fewer forms than the header's
    nplurals, a format string that lost a placeholder); warnings about headers are left out."""
    result = subprocess.run(
        ["msgfmt", "-c", "-o", os.devnull, str(path)], capture_output=True, text=True
    )
    if result.returncode == 0:
        return []
    return [line for line in result.stderr.splitlines() if "warning" not in line]
