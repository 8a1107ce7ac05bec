"""Reading the European Commission's "Have your say" feedback exports (pure: no Django).

A feedback export (`feedbacks.csv`, as scraped by hys_scraper) has one row per feedback with
its `id`, `user_type` (company, ngo, eu_citizen, ...), `organization`, `first_name`,
`surname`, `country`, `language`, `feedback` and `date_feedback`. `parse_feedbacks` turns the
text into `Feedback`s and `RowError`s, each error naming the line where its row begins, so an
importer reports bad rows and keeps the good ones. `GROUPS` maps the Commission's respondent
types to Roundtable's stakeholder groups.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

# The Commission's respondent types -> stakeholder group slugs (the default groups). `other`
# stays without a group: the respondent chose not to say which kind they are.
GROUPS: dict[str, str | None] = {
    "company": "private-sector",
    "business_association": "private-sector",
    "ngo": "civil-society",
    "consumer_organisation": "civil-society",
    "trade_union": "civil-society",
    # Individual citizens: civil society in the WSIS sense (Tunis Agenda §35).
    "eu_citizen": "civil-society",
    "non_eu_citizen": "civil-society",
    "academic_research_institution": "academia",
    "academic_research_instittution": "academia",  # the export's own spelling [sic]
    "public_authority": "government",
    "standardizing_body": "technical-community",
    "environmental_organisation": "civil-society",
    "other": None,
}

REQUIRED = ("id", "user_type", "feedback", "date_feedback", "language")
LANGUAGE = re.compile(r"^[a-z]{2,3}(-[a-z]{2,4})?$")
EMPTY_TEXT = "Feedback given as an attached document only."


@dataclass(frozen=True)
class Feedback:
    ref: str  # the feedback's id on "Have your say"
    line: int
    user_type: str
    group: str | None
    title: str
    body: str
    language: str
    submitted_at: datetime


@dataclass(frozen=True)
class RowError:
    line: int
    message: str


def _title(row: dict[str, str]) -> str:
    name = (row.get("organization") or "").strip()
    if not name:
        name = " ".join(p for p in ((row.get("first_name") or "").strip(),
                                    (row.get("surname") or "").strip()) if p)  # fmt: skip
    name = name or "Anonymous"
    country = (row.get("country") or "").strip()
    return f"{name} ({country})" if country else name


def _parse_row(row: dict[str, str], line: int) -> Feedback | RowError:
    missing = [k for k in REQUIRED if row.get(k) is None]
    if missing:
        return RowError(line, f"missing column(s) {', '.join(missing)}")
    ref = row["id"].strip()
    if not ref.isdigit():
        return RowError(line, f"feedback id {ref[:20]!r} is not a number")
    user_type = row["user_type"].strip()
    if user_type not in GROUPS:
        return RowError(line, f"unknown respondent type {user_type[:40]!r}")
    language = row["language"].strip().lower()
    if not LANGUAGE.match(language):
        return RowError(line, f"language {language[:20]!r} is not a language code")
    try:
        # The export does not name its time zone: the time is kept as given, read as UTC.
        when = datetime.strptime(f"{row['date_feedback'].strip()} +0000", "%Y-%m-%d %H:%M:%S %z")
    except ValueError:
        return RowError(line, f"date {row['date_feedback'][:30]!r} is not YYYY-MM-DD HH:MM:SS")
    return Feedback(
        ref=ref,
        line=line,
        user_type=user_type,
        group=GROUPS[user_type],
        title=_title(row)[:300],
        body=row["feedback"].strip() or EMPTY_TEXT,
        language=language,
        submitted_at=when,
    )


def parse_feedbacks(text: str) -> Iterator[Feedback | RowError]:
    """Each data row as a Feedback or a RowError (line numbers count from 1, the header's)."""
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        yield RowError(1, "the file is empty")
        return
    except csv.Error as exc:
        yield RowError(1, f"unreadable header: {exc}")
        return
    missing = [k for k in REQUIRED if k not in header]
    if missing:
        yield RowError(1, f"the header lacks the column(s) {', '.join(missing)}")
        return
    start = reader.line_num + 1
    seen: set[str] = set()
    while True:
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield RowError(start, f"unreadable row: {exc}")
            return
        line, start = start, reader.line_num + 1
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(header):
            yield RowError(line, f"{len(values)} fields where the header has {len(header)}")
            continue
        found = _parse_row(dict(zip(header, values, strict=True)), line)
        if isinstance(found, Feedback):
            if found.ref in seen:
                yield RowError(line, f"feedback {found.ref} appears twice")
                continue
            seen.add(found.ref)
        yield found
