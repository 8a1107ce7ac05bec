"""Issue 11: the outcome and adoption pages read in the reader's language: the tally's summary,
its rows, levels, positions, chambers and tests in words, never the engine's identifiers."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.utils import translation

from roundtable.decisions import tally_words
from roundtable.decisions.models import Adoption, Outcome
from roundtable.demo.world import load_demo
from tests.support.visible_text import visible_text

pytestmark = pytest.mark.django_db

ARABIC = re.compile(r"[\u0600-\u06ff]")
CHINESE = re.compile(r"[\u4e00-\u9fff]")
# What the engine writes and a person must never read: level, position and chamber ids, the
# arithmetic's keys, procedure names, and the engine's English summary.
RAW = re.compile(
    r"\b(?:no-consensus|full-consensus|strong-support|rough-consensus|non-contracted|"
    r"contracted|support share|derived level|designated level|adopt levels|yes share|"
    r"supermajority|Level consensus|suggested by the positions|each chamber|one chamber)\b"
)

SUPERMAJORITY = {
    "procedure": "supermajority",
    "kind": "chamber-vote",
    "outcome": "adopted",
    "summary": "contracted 6/7; non-contracted 7/13: supermajority met (yes votes of ...).",
    "arithmetic": {
        "chambers": [
            {"chamber": "contracted", "seats": 7, "yes": 6, "no": 1, "abstain": 0},
            {"chamber": "non-contracted", "seats": 13, "yes": 7, "no": 6, "abstain": 0},
        ],
        "alternatives": [
            {"test": "each chamber >= 2/3", "met": False, "each": ">= 2/3"},
            {
                "test": "one chamber >= 3/4 and the other(s) > 1/2 (one = contracted)",
                "met": True,
                "one": ">= 3/4",
                "other": "> 1/2",
                "by": "contracted",
            },
        ],
        "basis": "yes / seats",
    },
}


def _name(key: str) -> str:
    return {"user:1": "Ana"}.get(key, "?")


def test_chamber_vote_summary_is_written_from_its_data_in_the_language() -> None:
    with translation.override("fr"):
        text = tally_words.summary(SUPERMAJORITY, _name)
    assert text == (
        "Chambre des parties contractantes : oui 6 sur 7 sièges; Chambre des parties non "
        "contractantes : oui 7 sur 13 sièges. Condition remplie : une chambre : au moins 3/4, "
        "et l'autre : plus de 1/2 (Chambre des parties contractantes)."
    )


def test_consensus_rows_name_levels_and_voters_in_the_language() -> None:
    result = {
        "kind": "consensus",
        "arithmetic": {
            "levels": ["consensus", "no-consensus"],
            "support": 3,
            "object": 1,
            "abstain": 0,
            "support_share": "3/4",
            "derived_level": "no-consensus",
            "designated_level": None,
            "level": "no-consensus",
            "adopt_levels": ["consensus"],
            "minority": ["user:1"],
        },
    }
    with translation.override("es"):
        rows = dict(tally_words.rows(result["arithmetic"], _name))
        summary = tally_words.summary(result, _name)
    assert rows["Nivel"] == "Sin consenso"
    assert rows["Niveles que adoptan el texto"] == "Consenso"
    assert rows["Opiniones minoritarias de"] == "Ana"
    assert "levels" not in " ".join(rows)
    assert summary.startswith("Sin consenso (indicado por las posiciones). Apoyos: 3;")
    assert "Ana" in summary and "user:1" not in summary


def test_undesignated_gnso_tally_says_the_chair_designates() -> None:
    # GNSO Working Group Guidelines 3.6 (GNSO Operating Procedures, Annex 1, text of 1 Sep 2016,
    # http://mm.icann.org/pipermail/gnso-bylaws-dt/2016-September/000040.html; see
    # docs/sources/presets.md): the chair designates the level; no numeric threshold suggests
    # one. A live tally before the designation names no level, whatever the counts.
    result = {
        "kind": "consensus",
        "arithmetic": {
            "levels": ["full-consensus", "consensus", "strong-support", "divergence"],
            "support": 1,
            "object": 0,
            "abstain": 20,
            "designated_level": None,
            "level": None,
            "adopt_levels": ["full-consensus", "consensus"],
            "minority": [],
        },
    }
    text = tally_words.summary(result, _name)
    assert text == (
        "No level designated yet: the chair designates it. Support: 1; objections: 0; "
        "abstentions: 20."
    )
    with translation.override("fr"):
        rows = dict(tally_words.rows(result["arithmetic"], _name))
        french = tally_words.summary(result, _name)
    assert french.startswith("Aucun niveau désigné pour l'instant : le président le désigne.")
    assert "Consensus complet" not in french and rows["Niveau"] == "—"


@pytest.mark.parametrize(("language", "script"), [("ar", ARABIC), ("zh-hans", CHINESE)])
def test_outcome_and_adoption_pages_show_no_engine_identifier(
    client: Client, language: str, script: re.Pattern[str]
) -> None:
    load_demo()
    client.post("/i18n/setlang/", {"language": language, "next": "/"})
    pages = [f"/outcomes/{o.pk}/" for o in Outcome.objects.filter(adoption__isnull=False)]
    pages += [f"/adoptions/{a.pk}/" for a in Adoption.objects.all()]
    assert len(pages) >= 3  # the WTPF Opinion, the GNSO motion, and their adoptions
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        html = response.content.decode()
        tally = html[html.index('class="arithmetic"') :]
        text = visible_text(tally[: tally.index("</section>")])
        assert RAW.findall(text) == [], (page, RAW.findall(text))
        assert not re.search(r"\b(?:user|delegation):", text), page
        assert script.search(text), page
