"""50 threads voting at once give an exact tally (each thread its own database connection).

On SQLite the settings open IMMEDIATE transactions with a busy timeout, so writers queue; on
PostgreSQL the adoption row is locked (SELECT ... FOR UPDATE) for each vote. Five voters vote
twice at the same moment: one position each, never two rows.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.db import connection, connections
from django.utils import timezone

from roundtable.decisions import actions, positions
from roundtable.decisions.models import Position
from roundtable.permissions.actor import Actor
from tests.drafting.scenes import member, published_document, world
from tests.support.rules import register

ASSEMBLY = Path(__file__).with_name("assembly-vote.yaml")
THREADS = 50


@pytest.fixture
def database_file(tmp_path: Path) -> Iterator[None]:
    """On SQLite, run against a database *file*, as deployed (WAL, busy timeout, IMMEDIATE).

    The test database is otherwise in memory with a shared cache, whose table locks fail at
    once ("database table is locked") instead of waiting for the busy timeout: a limit of
    the test set-up, not of the deployment. The migrated (empty) schema is copied into a file
    and every connection, in every thread, uses it for the length of the test.
    """
    if connection.vendor != "sqlite" or not connection.is_in_memory_db():
        yield
        return
    path = str(tmp_path / "votes.sqlite3")
    connection.ensure_connection()
    connection.cursor().execute("VACUUM INTO %s", [path])
    memory_name = connection.settings_dict["NAME"]
    memory_connection = connection.connection
    connections.settings["default"]["NAME"] = path
    connection.settings_dict["NAME"] = path
    connection.connection = None
    try:
        yield
    finally:
        connection.close()
        connections.settings["default"]["NAME"] = memory_name
        connection.settings_dict["NAME"] = memory_name
        connection.connection = memory_connection


@pytest.mark.django_db(transaction=True)
def test_fifty_threads_voting_at_once_give_an_exact_tally(database_file: None) -> None:
    w = world(modality=register(ASSEMBLY), venue_slug="assembly", process_slug="vote")
    doc = published_document(w)
    adoption = actions.check_open_adoption(
        actor=Actor.person(w.chair), document=doc, closes_at=timezone.now() + timedelta(hours=1)
    )
    voters = [member(w, f"v{i}@example.org") for i in range(THREADS - 5)]
    # 45 distinct voters: 30 yes, 10 no, 5 abstain; the first five yes-voters vote twice.
    plan: list[tuple[Any, str]] = [
        (user, "yes" if i < 30 else "no" if i < 40 else "abstain") for i, user in enumerate(voters)
    ]
    plan += [(voters[i], "yes") for i in range(5)]
    assert len(plan) == THREADS
    barrier = threading.Barrier(THREADS)
    errors: list[BaseException] = []

    def vote(user: Any, position: str) -> None:
        try:
            barrier.wait(timeout=30)
            positions.check_take_position(
                actor=Actor.person(user), adoption=adoption, position=position
            )
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=vote, args=item) for item in plan]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors[:3]
    assert Position.objects.filter(adoption=adoption).count() == 45
    actions.do_close_window(actor=Actor.person(w.chair), adoption=adoption)
    done = actions.do_conclude_adoption(actor=Actor.person(w.chair), adoption=adoption)
    arithmetic = done.result["arithmetic"]
    assert (arithmetic["yes"], arithmetic["no"], arithmetic["abstain"]) == (30, 10, 5)
    assert arithmetic["cast"] == 45 and arithmetic["yes_share"] == "3/4" and done.adopted
    print(f"{connection.vendor}: {THREADS} threads, tally {arithmetic}")
