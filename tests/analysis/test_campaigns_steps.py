"""Each step of the campaign grouping on its own: normalising, word hashes, signatures, the
index, the grouper, templates."""

from __future__ import annotations

import numpy as np
import pytest

from roundtable.analysis.campaigns import Grouper, Params
from roundtable.analysis.campaigns.index import components, union
from roundtable.analysis.campaigns.normalise import normal_bytes, sentences
from roundtable.analysis.campaigns.signatures import EMPTY, similarity, sketch
from roundtable.analysis.campaigns.templates import additions, recover_template
from roundtable.analysis.campaigns.words import hash_words

LETTER = (
    "We urge the Commission to protect fundamental rights in the AI Act. "
    "Remote biometric identification in public spaces must be banned without exception. "
    "High-risk systems need independent audits before they reach the market. "
    "People affected by automated decisions deserve an explanation and a remedy."
)


def words_of(*texts: str) -> tuple[list[list[int]], list[int]]:
    hashes, counts, keys = hash_words([normal_bytes(t) for t in texts])
    out, at = [], 0
    for c in counts.tolist():
        out.append(hashes[at : at + c].tolist())
        at += c
    return out, keys.tolist()


def test_words_ignore_case_punctuation_spacing_and_unicode_forms() -> None:
    (a, b, c), keys = words_of(
        "Hello, WORLD!  ÜBER-straße “quoted”",
        "hello world über straße quoted",
        "ｈｅｌｌｏ world\tüber — straße... ‘quoted’",
    )
    assert a == b == c
    assert keys[0] == keys[1] == keys[2]


def test_words_and_keys_tell_different_texts_apart() -> None:
    (a, b, long1, long2), keys = words_of(
        "alpha beta", "beta alpha", "internationalisation", "internationalization"
    )
    assert sorted(a) == sorted(b) and keys[0] != keys[1]  # order matters for the exact key
    assert long1 != long2  # longer than 8 bytes: head and tail both count


def test_empty_and_short_texts() -> None:
    hashes, counts, _ = hash_words([b"", b"one", b"!!!", b"one two"])
    assert counts.tolist() == [0, 1, 0, 2]
    sig = sketch(hashes, counts, shingle=3, bins=16)
    assert (sig[0] == EMPTY).all() and (sig[2] == EMPTY).all()
    assert (sig[1] != EMPTY).sum() == 1 and (sig[3] != EMPTY).sum() == 1


def signatures_of(*texts: str, bins: int = 64) -> np.ndarray:
    hashes, counts, _ = hash_words([normal_bytes(t) for t in texts])
    return sketch(hashes, counts, shingle=3, bins=bins)


def test_similarity_estimates_jaccard() -> None:
    other = "Completely different words about fisheries quotas and coastal shipping lanes. " * 3
    sig = signatures_of(LETTER, LETTER, LETTER.replace("urge", "ask") + " Sincerely, Ana Ng", other)
    sim = similarity(sig[[0, 0, 0]], sig[[1, 2, 3]])
    assert sim[0] == 1.0
    assert 0.6 < sim[1] < 1.0
    assert sim[2] < 0.1


def test_sketch_checks_its_parameters() -> None:
    hashes, counts, _ = hash_words([b"a b c"])
    with pytest.raises(ValueError, match="shingle"):
        sketch(hashes, counts, shingle=9, bins=64)
    with pytest.raises(ValueError, match="bins"):
        sketch(hashes, counts, shingle=3, bins=48)


def test_union_joins_chains_and_keeps_the_smallest_root() -> None:
    parent = np.arange(6, dtype=np.int64)
    union(parent, np.array([5, 3, 1]), np.array([4, 4, 3]))
    assert parent.tolist() == [0, 1, 2, 1, 1, 1]


def test_components_join_near_copies_only() -> None:
    other = "Completely different words about fisheries quotas and coastal shipping lanes. " * 3
    sig = signatures_of(LETTER, LETTER + " Regards, Li Wei", other)
    order = np.array([3, 2, 1], dtype=np.uint64)
    parent = components(sig, order, bands=16, threshold=0.5)
    assert parent[0] == parent[1] != parent[2]


def test_grouper_exact_then_near_then_apart() -> None:
    grouper = Grouper(Params())
    texts = [
        LETTER,
        LETTER.upper(),  # exact after normalising
        "Dear Commissioners,\n\n" + LETTER + "\n\nSincerely,\nMaria Lopez",  # near copy
        "A comment of my own about the scope of the regulation and its definitions of AI.",
        "",
        "",
    ]
    grouper.add([f"c{i}" for i in range(3)], texts[:3])
    grouper.add([f"c{i}" for i in range(3, 6)], texts[3:])
    partition = grouper.finish()
    assert partition.group.tolist() == [0, 0, 0, 3, 4, 4]
    assert partition.summary() == {"comments": 6, "groups": 3, "campaigns": 2, "largest": 3}
    assert not partition.duplicate_id_hashes


def test_grouper_reports_repeated_ids() -> None:
    grouper = Grouper()
    grouper.add(["a", "b", "a"], ["x", "y", "z"])
    assert len(grouper.finish().duplicate_id_hashes) == 1


def test_params_are_checked() -> None:
    with pytest.raises(ValueError, match="threshold"):
        Params(threshold=0)
    with pytest.raises(ValueError, match="bands"):
        Params(bins=64, bands=10)


def test_template_and_additions() -> None:
    members = [
        "Dear FCC,\n\n" + LETTER + "\n\nJohn Smith",
        LETTER.replace("must be banned", "MUST be banned")
        + "\n\nAs a nurse in Austin, TX, I care.",
        LETTER,
    ]
    template = recover_template(members)
    assert template.members == 3
    assert len(template.sentences) == len(sentences(LETTER))
    assert additions(members[0], template) == ["Dear FCC,", "John Smith"]
    assert additions(members[1], template) == ["As a nurse in Austin, TX, I care."]
    assert additions(members[2], template) == []
