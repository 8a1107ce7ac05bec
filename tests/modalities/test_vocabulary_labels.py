"""Every name the engine knows has words in the six languages (issue 11, point 2).

Rights, groups, categories, roles, phase kinds, procedures (names and kinds), outcome kinds
and the modalities themselves, over every preset and platform rule file: a label and, except
for outcomes and modalities, a one-line description, translated in Arabic and Chinese (the
other catalogs are checked for completeness by tests/foundation/test_i18n.py).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.utils import translation

from roundtable.modalities import CORE_RIGHTS, PHASE_KINDS, load_text, preset_names
from roundtable.modalities.loader import load_modality
from roundtable.modalities.model import GROUPS, VOTE_KINDS, Modality
from roundtable.modalities.rulefile import ModalityError
from roundtable.permissions.registry import PLATFORM_DIR
from roundtable.permissions.vocabulary import KINDS, description, label

SCRIPTS = {"ar": re.compile(r"[\u0600-\u06ff]"), "zh-hans": re.compile(r"[\u4e00-\u9fff]")}
SAME_IN_EVERY_SCRIPT = {("ar", "NETmundial (2014)")}


def _modalities() -> list[Modality]:
    found = [load_modality(name) for name in preset_names()]
    return found + [load_modality(str(path)) for path in sorted(PLATFORM_DIR.glob("*.yaml"))]


def _terms() -> set[tuple[str, str]]:
    terms: set[tuple[str, str]] = {("right", r) for r in CORE_RIGHTS}
    terms |= {("phase", p) for p in PHASE_KINDS} | {("group", g) for g in GROUPS}
    terms |= {("procedure", k) for k in (*VOTE_KINDS, "consensus", "rough-consensus", "none")}
    for m in _modalities():
        terms |= {("right", r) for r in m.rights} | {("group", g) for g in m.groups}
        terms |= {("category", c) for c in m.categories} | {("role", r) for r in m.roles}
        terms |= {("phase", p.name) for p in m.phases}
        terms |= {("procedure", p.name) for p in m.procedures}
        terms |= {("procedure", p.kind) for p in m.procedures}
        terms |= {("outcome", m.outcome.kind), ("modality", m.name)}
    return terms


def test_every_name_known_to_the_engine_has_a_label_and_a_description() -> None:
    missing = sorted(t for t in _terms() if t[1] not in KINDS[t[0]])
    assert missing == []
    undescribed = sorted(
        (kind, name)
        for kind, name in _terms()
        if kind not in ("outcome", "modality") and not str(KINDS[kind][name].description)
    )
    assert undescribed == []


@pytest.mark.parametrize("language", sorted(SCRIPTS))
def test_labels_and_descriptions_are_translated(language: str) -> None:
    untranslated: list[str] = []
    with translation.override(language):
        for kind, name in sorted(_terms()):
            for words in (label(kind, name), description(kind, name)):
                translated = not words or SCRIPTS[language].search(words)
                if not translated and (language, words) not in SAME_IN_EVERY_SCRIPT:
                    untranslated.append(f"{kind}:{name} -> {words}")
    assert untranslated == []


def test_a_rule_file_labels_its_own_names_and_reasons_per_language(tmp_path: Path) -> None:
    text = """
modality: house
rights: [judge_consensus]
roles: [facilitator]
labels:
  right:judge_consensus: {en: Call the consensus, fr: Constater le consensus}
  role:facilitator: {ar: الميسّر}
rules:
  - id: facilitator-judges
    permit: [judge_consensus]
    who: {roles: [facilitator]}
    because: The facilitator calls the consensus.
    because_in: {fr: Le facilitateur constate le consensus.}
    label: {en: Facilitator judges}
"""
    house = load_text(text, file="house.yaml")
    with translation.override("fr"):
        assert label("right", "judge_consensus", house) == "Constater le consensus"
    with translation.override("ar"):
        assert label("role", "facilitator", house) == "الميسّر"
        # Not labelled by the file in Arabic: the platform's own words.
        assert SCRIPTS["ar"].search(label("right", "judge_consensus", house))
    with translation.override("en"):
        assert label("role", "facilitator", house) == "Facilitator"  # humanised, never raw
    rule = house.rule("house/facilitator-judges")
    assert rule is not None
    assert rule.because_for("fr") == "Le facilitateur constate le consensus."
    assert rule.because_for("ru") == "" and rule.label_for("ar") == "Facilitator judges"


def test_a_label_in_an_unknown_language_is_a_schema_error() -> None:
    with pytest.raises(ModalityError) as raised:
        load_text("modality: x\nlabels:\n  right:vote: {de: Abstimmen}\n", file="x.yaml")
    assert any("labels" in p.field for p in raised.value.problems)


def test_the_docs_describe_labels_translations_and_structured_reasons() -> None:
    docs = Path(__file__).resolve().parents[2] / "docs"
    rules = (docs / "modalities.md").read_text(encoding="utf-8")
    for words in ("labels:", "because_in:", "`Explanation`", "standing_facts", "missing_facts"):
        assert words in rules, words
    pages = (docs / "processes.md").read_text(encoding="utf-8")
    assert "roundtable/permissions/vocabulary.py" in pages and "matrix-scroll" in pages
    assert "`lang`" in (docs / "api.md").read_text(encoding="utf-8")
