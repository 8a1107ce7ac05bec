"""Importing a "Have your say" feedback export: the pure parser (types mapped to groups, bad
rows reported by line), the action (idempotent, audited) and the management command."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from roundtable.audit.models import Event
from roundtable.contributions.haveyoursay import GROUPS, Feedback, RowError, parse_feedbacks
from roundtable.contributions.imports import do_import_haveyoursay
from roundtable.contributions.models import Contribution
from roundtable.permissions.actor import Actor
from tests.processes.scenes import scene

HEADER = "id,user_type,organization,first_name,surname,country,language,feedback,date_feedback\n"
GOOD = (
    '1,company,Acme,,,DEU,de,"Ein Text\nüber zwei Zeilen",2021-05-01 10:00:00\n'
    "2,eu_citizen,,Ada,Lovelace,GBR,en,Short,2021-05-02 11:00:00\n"
    "3,other,,,,,en,,2021-05-03 12:00:00\n"
)
BAD = (
    "4,alien,,,,,en,x,2021-05-04 12:00:00\n"  # line 6: unknown type
    "5,ngo,,,,,en,x,yesterday\n"  # line 7: bad date
    "2,ngo,,,,,en,x,2021-05-04 12:00:00\n"  # line 8: duplicate id
    "6,ngo,,,,\n"  # line 9: too few fields
)


def test_parser_maps_types_to_groups_and_names_bad_lines() -> None:
    found = list(parse_feedbacks(HEADER + GOOD + BAD))
    good = [f for f in found if isinstance(f, Feedback)]
    assert [(f.ref, f.line, f.group, f.title) for f in good] == [
        ("1", 2, "private-sector", "Acme (DEU)"),
        ("2", 4, "civil-society", "Ada Lovelace (GBR)"),
        ("3", 5, None, "Anonymous"),
    ]
    assert good[0].body == "Ein Text\nüber zwei Zeilen" and good[0].language == "de"
    assert good[2].body  # an empty feedback (attachment only) still says so
    errors = [(e.line, e.message.split(" ")[0]) for e in found if isinstance(e, RowError)]
    assert errors == [(6, "unknown"), (7, "date"), (8, "feedback"), (9, "6")]


def test_parser_refuses_a_file_without_the_columns() -> None:
    assert list(parse_feedbacks("id,text\n1,x\n")) == [
        RowError(1, "the header lacks the column(s) user_type, feedback, date_feedback, language")
    ]
    assert list(parse_feedbacks("")) == [RowError(1, "the file is empty")]


def test_every_type_of_the_real_export_has_a_mapping(shared_dir: Path) -> None:
    path = shared_dir / "data/consultations/eu-haveyoursay-ai-act-PC-AI/main/feedbacks.csv"
    found = list(parse_feedbacks(path.read_text(encoding="utf-8-sig")))
    assert len(found) == 304 and all(isinstance(f, Feedback) for f in found)
    assert {f.user_type for f in found if isinstance(f, Feedback)} <= set(GROUPS)


@pytest.mark.django_db
def test_import_twice_adds_nothing_and_is_audited(client: Client) -> None:
    s = scene()
    report = do_import_haveyoursay(
        actor=Actor.person(s.secretariat), call=s.call, text=HEADER + GOOD + BAD
    )
    assert (report.created, report.existing, [e.line for e in report.errors]) == (
        3,
        0,
        [6, 7, 8, 9],
    )
    again = do_import_haveyoursay(
        actor=Actor.person(s.secretariat), call=s.call, text=HEADER + GOOD
    )
    assert (again.created, again.existing, again.errors) == (0, 3, [])
    assert Contribution.objects.filter(call=s.call).count() == 3
    assert Event.objects.filter(verb="contributions.imported").count() == 1
    groups = sorted(
        (r["group"] or "", r["count"])
        for r in client.get(f"/api/calls/{s.call.pk}").json()["by_group"]
    )
    assert groups == [("", 1), ("civil-society", 1), ("private-sector", 1)]
    page = client.get(f"/calls/{s.call.pk}/").content.decode()
    assert "Contributions by stakeholder group" in page and "No stakeholder group given" in page


@pytest.mark.django_db
def test_command_reports_bad_rows_with_their_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    s = scene()
    path = tmp_path / "feedbacks.csv"
    path.write_text(HEADER + GOOD + BAD, encoding="utf-8")
    author = s.secretariat.username
    call_command(
        "contributions", "import-haveyoursay", str(path), "--call", str(s.call.pk), "--as", author
    )
    out, err = capsys.readouterr()
    assert "3 contributions imported" in out and "4 bad rows" in out
    assert f"{path}:6: unknown respondent type 'alien'" in err
    with pytest.raises(CommandError, match="No call"):
        call_command(
            "contributions", "import-haveyoursay", str(path), "--call", "999999", "--as", author
        )
    with pytest.raises(CommandError, match="No account"):
        call_command(
            "contributions",
            "import-haveyoursay",
            str(path),
            "--call",
            str(s.call.pk),
            "--as",
            "x@y",
        )
