"""The coalition's API lists its outputs as its page does (issue 16): each document of its
process with its status, and the outcome recorded for it with the consensus level and the
minority statements (group by slug and label), read through the same door
(`queries.get_coalition`)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from django.test import Client
from django.utils import timezone

from roundtable.coalitions.models import Coalition
from roundtable.coalitions.queries import get_coalition
from roundtable.demo.world import load_demo
from roundtable.drafting.actions import check_create_document
from roundtable.permissions.actor import Actor
from tests.coalitions.scenes import founded, igf

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 2)
RIGHTS = "Dynamic Coalition on Internet Rights and Principles"


def test_the_api_lists_outputs_as_the_page_does(shared_dir: Path) -> None:
    load_demo(TODAY)
    rights = Coalition.objects.select_related("venue").get(name=RIGHTS)
    page = get_coalition(
        viewer=None, venue=rights.venue, slug=rights.slug, today=timezone.now().date()
    )
    answer = Client().get(f"/api/venues/igf/coalitions/{rights.slug}")
    assert answer.status_code == 200
    outputs = answer.json()["outputs"]
    assert [(o["document"], o["title"]) for o in outputs] == [(d.pk, d.title) for d in page.outputs]
    (charter,) = outputs
    assert charter["status"] == "published" and charter["version"] is not None
    (outcome,) = page.outcomes
    assert outcome.adoption is not None
    (shown,) = charter["outcomes"]
    assert shown["id"] == outcome.pk and shown["binding"] is False
    assert shown["consensus_level"] == outcome.adoption.designated_level == "rough-consensus"
    assert shown["consensus_level_label"] == "Rough consensus"
    assert shown["adopted"] is True and shown["procedure"] == "rough-consensus"
    assert [(s["group"], s["text"]) for s in shown["minority_statements"]] == [
        (s.group, s.text) for s in outcome.adoption.minority_statements.all()
    ]
    (statement,) = shown["minority_statements"]
    assert statement["group"] == "private-sector"
    assert statement["group_label"] == "Private sector"
    french = Client().get(
        f"/api/venues/igf/coalitions/{rights.slug}", headers={"accept-language": "fr"}
    )
    (statement,) = french.json()["outputs"][0]["outcomes"][0]["minority_statements"]
    assert statement["group"] == "private-sector"
    assert statement["group_label"] not in ("Private sector", "private-sector")


def test_a_draft_output_is_listed_as_a_draft_without_outcomes() -> None:
    s = igf()
    coalition = founded(s)
    check_create_document(
        actor=Actor.person(s.civil), process=coalition.process, slug="charter",
        title="Charter", source="Every person has the right to access the Internet.",
    )  # fmt: skip
    answer = Client().get(f"/api/venues/igf/coalitions/{coalition.slug}")
    assert answer.json()["outputs"] == [
        {"document": coalition.process.documents.get().pk, "title": "Charter",
         "status": "draft", "version": None, "outcomes": []}
    ]  # fmt: skip
