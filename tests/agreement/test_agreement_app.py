"""Group-aware agreement, the app: marks counted per stakeholder group (checked against counts
made from the rows), a changed mark replacing the old one, the door's denials with their rule,
and only counts ever shown. Data set up through the real actions."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from roundtable.agreement.actions import check_add_statement, check_mark, do_add_statement
from roundtable.agreement.models import Mark, Statement
from roundtable.api.actions import do_create_token
from roundtable.audit.models import Event
from roundtable.audit.scopes import scopes_of_row
from roundtable.decisions.outcomes import do_record_summary
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import Denied, decide
from roundtable.processes.scopes import in_process
from roundtable.processes.situation import situation
from tests.processes.scenes import Scene, accredit, person, scene

pytestmark = pytest.mark.django_db

# Who marks what: (group, how many people, marks on the three statements).
PLAN = [
    # Five each: the smallest group shown on its own (analysis.balance.MIN_CELL).
    ("government", 5, ["agree", "agree", "pass"]),
    ("civil-society", 5, ["agree", "disagree", "agree"]),
    ("technical-community", 5, ["agree", "disagree", "disagree"]),
]


def _world() -> tuple[Scene, list[Statement], list[Any]]:
    s = scene(venue_slug="list", modality="open-mailing-list", process_slug="agree")
    statements = [
        do_add_statement(actor=Actor.person(s.secretariat), call=s.call, text=text)
        for text in ("Keep the internet open.", "Regulate platforms first.", "Fund local access.")
    ]
    people = []
    for grp, n, marks in PLAN:
        for i in range(n):
            someone = person(f"{grp}-{i}@example.org")
            accredit(someone, s.venue, grp)
            for statement, value in zip(statements, marks, strict=True):
                check_mark(actor=Actor.person(someone), statement=statement, value=value)
            people.append(someone)
    return s, statements, people


def _token(user: Any) -> dict[str, str]:
    return {
        "HTTP_AUTHORIZATION": f"Bearer {do_create_token(actor=Actor.person(user), name='t')[1]}"
    }


def test_counts_per_group_match_the_rows(client: Client) -> None:
    s, statements, people = _world()
    # Counted independently: straight from the rows, with the group of each person's accreditation.
    expected: Counter[tuple[int, str, int]] = Counter(
        (m.statement_id, m.participant.accreditations.get().group.slug, m.value)
        for m in Mark.objects.select_related("participant")
    )
    answer = client.get(f"/api/calls/{s.call.pk}/agreement", **_token(people[0]))
    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert body["voters"] == len(people) == 15
    for found in body["statements"]:
        for row in found["groups"]:
            key = (found["id"], row["group"])
            assert row["agreed"] == expected[(*key, 1)]
            assert row["disagreed"] == expected[(*key, -1)]
            assert row["passed"] == expected[(*key, 0)]
            assert row["seen"] == sum(expected[(*key, v)] for v in (1, -1, 0))
        assert {r["group"] for r in found["groups"]} == {g for g, _n, _m in PLAN}
    verdicts = {f["id"]: f["verdict"] for f in body["statements"]}
    assert verdicts[statements[0].pk] == "agree"  # common ground
    assert verdicts[statements[1].pk] == "divided"
    divided = next(f for f in body["statements"] if f["id"] == statements[1].pk)
    assert {"group": "government", "side": "agree"} in divided["apart"]
    assert body["opinion_groups"], "15 voters on 3 statements: opinion groups are shown"
    assert sum(o["people"] for o in body["opinion_groups"]) == 15
    # The page shows the same counts, with group names, in sections.
    page = client.get(f"/calls/{s.call.pk}/agreement/")
    assert page.status_code == 200
    html = page.content.decode()
    common = html.split('id="common-ground"')[1].split('id="divided"')[0]
    assert "Keep the internet open." in common and "Regulate platforms first." not in common
    assert "Civil society" in html and 'data-group="civil-society"' in html


def test_a_changed_mark_replaces_the_old_one_and_the_trail_keeps_both() -> None:
    s, statements, people = _world()
    someone = people[0]
    before = Event.objects.filter(verb="statement.marked").count()
    check_mark(actor=Actor.person(someone), statement=statements[0], value="disagree")
    mark = Mark.objects.get(statement=statements[0], participant=someone)
    assert mark.value == Mark.Value.DISAGREE
    assert Mark.objects.filter(statement=statements[0]).count() == 15
    assert Event.objects.filter(verb="statement.marked").count() == before + 1
    assert not Event.objects.filter(
        verb="statement.marked", target_type="processes.process"
    ).exists(), "marks stay out of the process's public history"


def test_denials_carry_the_rule(client: Client) -> None:
    s, statements, people = _world()
    url = f"/api/statements/{statements[0].pk}/mark"
    anonymous = client.post(url, {"mark": "agree"}, content_type="application/json")
    assert anonymous.status_code == 403 and anonymous.json()["error"]["rule"]
    stranger = person("unaccredited@example.org")
    refused = client.post(
        url, {"mark": "agree"}, content_type="application/json", **_token(stranger)
    )
    assert refused.status_code == 403
    error = refused.json()["error"]
    assert error["code"] == "forbidden" and error["rule"]
    with pytest.raises(Denied):
        check_add_statement(actor=Actor.person(people[0]), call=s.call, text="Mine.")
    # The page: no form, the door's reason and what would allow it.
    client.force_login(stranger)
    page = client.get(f"/calls/{s.call.pk}/agreement/").content.decode()
    assert 'class="mark-form"' not in page and 'class="refusal"' in page
    assert (
        client.post(
            f"/calls/{s.call.pk}/agreement/", {"statement": statements[0].pk, "mark": "agree"}
        ).status_code
        == 403
    )
    assert not Mark.objects.filter(participant=stranger).exists()


def test_wrong_phase_is_refused_with_the_rule(client: Client) -> None:
    # NETmundial's public comment is for its last call only: in the open consultation, no marks.
    s = scene(
        venue_slug="nm", modality="netmundial", phase_kind="open-consultation", process_slug="nm"
    )
    statement = do_add_statement(actor=Actor.person(s.secretariat), call=s.call, text="A.")
    someone = person("nm@example.org")
    accredit(someone, s.venue, "civil-society")
    where = situation(s.process)
    assert not decide(
        someone, right="comment", modality=where.modality, context=where.context
    ).allowed
    answer = client.post(
        f"/api/statements/{statement.pk}/mark",
        {"mark": "agree"},
        content_type="application/json",
        **_token(someone),
    )
    assert answer.status_code == 403 and answer.json()["error"]["rule"]


def test_only_counts_are_shown(client: Client) -> None:
    s, statements, people = _world()
    other = people[-1]
    body = client.get(f"/api/calls/{s.call.pk}/agreement", **_token(other)).json()
    assert {f["your_mark"] for f in body["statements"]} == {"agree", "disagree"}
    text = str(body)
    for someone in people[:-1]:
        assert someone.email not in text and someone.get_username() not in text
    anonymous = client.get(f"/api/calls/{s.call.pk}/agreement").json()
    assert {f["your_mark"] for f in anonymous["statements"]} == {None}
    client.force_login(other)
    page = client.get(f"/calls/{s.call.pk}/agreement/").content.decode()
    for someone in people[:-1]:
        assert someone.email not in page


def test_secretariat_adds_and_withdraws_statements(client: Client) -> None:
    s, statements, people = _world()
    client.force_login(s.secretariat)
    url = f"/calls/{s.call.pk}/agreement/"
    added = client.post(url, {"action": "add", "text": "  A new   statement. "})
    assert added.status_code == 302
    assert Statement.objects.filter(call=s.call, text="A new statement.").exists()
    too_long = client.post(url, {"action": "add", "text": "x" * 281})
    assert too_long.status_code == 400
    gone = client.post(url, {"action": "withdraw", "statement": statements[2].pk})
    assert gone.status_code == 302
    ids = [f["id"] for f in client.get(f"/api/calls/{s.call.pk}/agreement").json()["statements"]]
    assert statements[2].pk not in ids and len(ids) == 3
    marked = client.post(
        f"/api/statements/{statements[2].pk}/mark", {"mark": "agree"},
        content_type="application/json", **_token(people[0]),
    )  # fmt: skip
    assert marked.status_code == 404


def test_a_mark_renews_its_process_pages_only() -> None:
    s, statements, people = _world()
    mark = Mark.objects.filter(statement=statements[0]).first()
    assert scopes_of_row(mark) == scopes_of_row(statements[0]) == in_process(s.call)


def test_statements_on_an_outcome(client: Client) -> None:
    s = scene(venue_slug="list", modality="open-mailing-list", process_slug="summary")
    outcome = do_record_summary(
        actor=Actor.person(s.secretariat), process=s.process, title="Chair's summary", summary="S."
    )
    assert (
        f"/outcomes/{outcome.pk}/agreement/"
        in client.get(f"/outcomes/{outcome.pk}/").content.decode()
    )
    client.force_login(s.secretariat)
    added = client.post(
        f"/outcomes/{outcome.pk}/agreement/", {"action": "add", "text": "Adopt it."}
    )
    assert added.status_code == 302
    statement = Statement.objects.get(outcome=outcome)
    someone = person("outcome-reader@example.org")
    accredit(someone, s.venue, "academia")
    answer = client.post(
        f"/api/statements/{statement.pk}/mark", {"mark": "pass"},
        content_type="application/json", **_token(someone),
    )  # fmt: skip
    assert answer.status_code == 201, answer.content
    body = client.get(f"/api/outcomes/{outcome.pk}/agreement").json()
    # One academic's mark is that person's: counted, never shown (analysis.balance.MIN_CELL).
    assert body["voters"] == 1
    assert body["statements"][0]["groups"] == []
    assert body["statements"][0]["verdict"] == "open"


def test_the_page_reads_a_constant_number_of_queries(client: Client) -> None:
    s, statements, people = _world()
    client.force_login(people[0])
    url = f"/calls/{s.call.pk}/agreement/"

    def queries() -> int:
        with CaptureQueriesContext(connection) as seen:
            assert client.get(url).status_code == 200
        return len(seen)

    before = queries()
    for i in range(5):
        someone = person(f"more-{i}@example.org")
        accredit(someone, s.venue, "academia")
        for statement in statements:
            check_mark(actor=Actor.person(someone), statement=statement, value="disagree")
    assert queries() == before


def test_a_one_voter_group_is_never_visible(client: Client) -> None:
    s, statements, people = _world()
    # The only intergovernmental voter, against everyone on the first statement.
    lone = person("lone@example.org")
    accredit(lone, s.venue, "intergovernmental")
    check_mark(actor=Actor.person(lone), statement=statements[0], value="disagree")
    # Two academics: too few on their own, and with the lone voter still under five together.
    for i in range(2):
        someone = person(f"acad-{i}@example.org")
        accredit(someone, s.venue, "academia")
        check_mark(actor=Actor.person(someone), statement=statements[0], value="agree")
    body = client.get(f"/api/calls/{s.call.pk}/agreement").json()
    assert body["voters"] == 18
    first = next(f for f in body["statements"] if f["id"] == statements[0].pk)
    assert {r["group"] for r in first["groups"]} == {g for g, _n, _m in PLAN}
    assert sum(r["disagreed"] for r in first["groups"]) == 0  # the lone dissent shows nowhere
    assert first["verdict"] == "agree" and first["apart"] == []
    for o in body["opinion_groups"]:
        assert o["people"] >= 5
        assert all(c["people"] >= 5 for c in o["by_group"])
        assert not {c["group"] for c in o["by_group"]} & {"intergovernmental", "academia"}
    html = client.get(f"/calls/{s.call.pk}/agreement/").content.decode()
    assert 'data-group="intergovernmental"' not in html and "Intergovernmental" not in html
    assert 'data-group="academia"' not in html
    # Two more academics (four): the five small-group voters are shown together, never apart.
    for i in range(2, 4):
        someone = person(f"acad-{i}@example.org")
        accredit(someone, s.venue, "academia")
        check_mark(actor=Actor.person(someone), statement=statements[0], value="agree")
    body = client.get(f"/api/calls/{s.call.pk}/agreement").json()
    first = next(f for f in body["statements"] if f["id"] == statements[0].pk)
    other = [r for r in first["groups"] if r["group"] == "(other)"]
    assert other == [{"group": "(other)", "agreed": 4, "disagreed": 1, "passed": 0, "seen": 5}]
    assert {r["group"] for r in first["groups"]} == {g for g, _n, _m in PLAN} | {"(other)"}
    html = client.get(f"/calls/{s.call.pk}/agreement/").content.decode()
    assert "Other groups, each too small to show on its own" in html
    assert "Intergovernmental" not in html
