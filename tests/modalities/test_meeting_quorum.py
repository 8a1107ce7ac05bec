"""The meeting quorum a rule file declares (``quorum:``): parsed, inherited, counted and
explained with its rule (issue 12, procedure 1).

Preset source: GNSO Operating Procedures, chapter 4, as quoted by the GNSO Secretariat (council
list, 29 Jul 2013): "A quorum is a majority of voting members in each House".
"""

from __future__ import annotations

import pytest

from roundtable.modalities import ModalityError, load_modality, load_text
from roundtable.modalities.meeting_quorum import count, counts_as_member

BASE = "modality: q\nroles: [member, chair]\n"


def test_a_strict_majority_of_twenty_needs_eleven_and_names_the_rule() -> None:
    quorum = load_modality("icann-gnso-council").quorum
    assert quorum is not None and quorum.needed() == 11
    assert count(quorum, 10).reason == (
        "no quorum: 10 of 20 members present (11 needed, > 1/2), "
        "rule icann-gnso-council/meeting-quorum"
    )
    assert count(quorum, 11).met
    assert counts_as_member(quorum, {"councilor"}) and not counts_as_member(quorum, {"liaison"})


@pytest.mark.parametrize(
    ("share", "members", "needed"), [(">= 1/2", 20, 10), ("> 1/2", 21, 11), (">= 2/3", 10, 7)]
)
def test_needed_follows_the_share(share: str, members: int, needed: int) -> None:
    m = load_text(BASE + f'quorum: {{share: "{share}", members: {members}}}\n')
    assert m.quorum is not None and m.quorum.needed() == needed
    # No role named: anyone recorded present counts.
    assert counts_as_member(m.quorum, set())


def test_an_unknown_role_or_a_missing_share_is_refused() -> None:
    with pytest.raises(ModalityError, match="unknown role"):
        load_text(BASE + 'quorum: {share: "> 1/2", members: 5, roles: [ghost]}\n')
    with pytest.raises(ModalityError):
        load_text(BASE + "quorum: {members: 5}\n")


def test_an_extending_file_inherits_the_quorum_under_its_own_name() -> None:
    child = load_text("modality: council-child\nextends: icann-gnso-council\n")
    assert child.quorum is not None and child.quorum.rule == "council-child/meeting-quorum"
    assert child.quorum.members == 20
