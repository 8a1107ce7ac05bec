"""Properties of the grouping (issue 17): the input's order, the ids' names and the batch
boundaries change nothing; exact copies always share a group; unrelated texts never do."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from roundtable.analysis.campaigns import Grouper

Corpus = list[tuple[str, str]]


def partition(corpus: Corpus, batch: int = 7) -> set[frozenset[str]]:
    grouper = Grouper()
    for at in range(0, len(corpus), batch):
        part = corpus[at : at + batch]
        grouper.add([i for i, _ in part], [t for _, t in part])
    groups: dict[int, set[str]] = {}
    for (ident, _), g in zip(corpus, grouper.finish().group.tolist(), strict=True):
        groups.setdefault(g, set()).add(ident)
    return {frozenset(members) for members in groups.values()}


def text(prefix: str, words: list[int]) -> str:
    # Each template and each unrelated text draws from its own vocabulary (the prefix).
    return " ".join(f"{prefix}w{w}" for w in words) + "."


def variant(base: str, kind: int, salt: int) -> str:
    if kind == 0:
        return base  # verbatim
    if kind == 1:
        return base.upper().replace(" ", "  ")  # an exact copy once normalised
    if kind == 2:
        return f"Dear Sir or Madam,\n\n{base}\n\nSincerely,\nsigner{salt}"
    return f"{base} As a teacher, signer{salt} cares."


@st.composite
def corpora(draw: st.DrawFn) -> tuple[Corpus, list[list[str]], list[str]]:
    """(corpus, the ids of each template's exact copies, the ids of unrelated texts)."""
    corpus: Corpus = []
    exact: list[list[str]] = []
    for t in range(draw(st.integers(1, 4))):
        words = draw(st.lists(st.integers(0, 50), min_size=12, max_size=40))
        base = text(f"t{t}", words)
        kinds = draw(st.lists(st.integers(0, 3), min_size=2, max_size=8))
        copies = []
        for k, kind in enumerate(kinds):
            ident = f"t{t}-{k}"
            corpus.append((ident, variant(base, kind, k)))
            if kind < 2:
                copies.append(ident)
        exact.append(copies)
    unrelated = []
    for u in range(draw(st.integers(0, 6))):
        words = draw(st.lists(st.integers(0, 50), min_size=1, max_size=30))
        corpus.append((f"u{u}", text(f"u{u}", words)))
        unrelated.append(f"u{u}")
    random.Random(draw(st.integers(0, 1000))).shuffle(corpus)
    return corpus, exact, unrelated


@settings(max_examples=60, deadline=None)
@given(corpora(), st.randoms(use_true_random=False), st.integers(1, 20))
def test_order_names_and_batches_change_nothing(
    drawn: tuple[Corpus, list[list[str]], list[str]], rnd: random.Random, batch: int
) -> None:
    corpus, _, _ = drawn
    expected = partition(corpus)
    shuffled = list(corpus)
    rnd.shuffle(shuffled)
    assert partition(shuffled, batch) == expected
    rename = {ident: f"renamed-{n}" for n, (ident, _) in enumerate(shuffled)}
    renamed = [(rename[i], t) for i, t in shuffled]
    back = {v: k for k, v in rename.items()}
    assert {frozenset(back[i] for i in g) for g in partition(renamed, batch)} == expected


@settings(max_examples=60, deadline=None)
@given(corpora())
def test_exact_copies_share_and_unrelated_texts_stand_alone(
    drawn: tuple[Corpus, list[list[str]], list[str]],
) -> None:
    corpus, exact, unrelated = drawn
    groups = partition(corpus)
    group_of = {ident: g for g in groups for ident in g}
    for copies in exact:
        assert len({group_of[i] for i in copies}) <= 1
    for ident in unrelated:
        assert group_of[ident] == {ident}
