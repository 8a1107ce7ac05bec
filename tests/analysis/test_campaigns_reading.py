"""Reading a corpus a batch at a time gives what reading it a line at a time gives; a text's
exact key does not depend on its batch; ids hash the same in every process."""

from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from roundtable.analysis.campaigns.normalise import normal_bytes
from roundtable.analysis.campaigns.reading import Batch, InputError, parse_line, parse_lines
from roundtable.analysis.campaigns.words import hash_ids, hash_words


def line_by_line(first: int, raws: list[bytes]) -> Batch:
    batch = Batch()
    for number, raw in enumerate(raws, start=first):
        if raw.strip():
            ident, text = parse_line(number, raw)
            batch.ids.append(ident)
            batch.texts.append(text)
            batch.lines.append(number)
    return batch


GOOD = [b'{"id": "a", "text": "x"}\n', b'{"id": "b", "text": "y", "other": 1}\n']


@pytest.mark.parametrize(
    "raws",
    [
        GOOD,
        [*GOOD, b"\n", b'{"id": "c", "text": "z"}'],  # a blank line, no final newline
        [GOOD[0], b'{"id": 7, "text": "int id"}\n'],  # an integer id becomes "7"
        [GOOD[0], b'{"id": "c", "text": "one"}, {"id": "d", "text": "two"}\n'],
        [GOOD[0], b'["a", "x"]\n'],
        [GOOD[0], b'{"id": "c"}\n'],
        [GOOD[0], b'{"id": true, "text": "x"}\n'],
        [b'{"id": "\\u00e9t\\u00e9", "text": "caf\\u00e9"}\n'],
    ],
)
def test_a_batch_reads_as_its_lines(raws: list[bytes]) -> None:
    try:
        expected: Batch | str = line_by_line(10, raws)
    except InputError as exc:
        expected = str(exc)
    try:
        got: Batch | str = parse_lines(10, raws)
    except InputError as exc:
        got = str(exc)
    assert got == expected


def test_two_objects_on_one_line_are_refused_with_the_line() -> None:
    with pytest.raises(InputError, match="line 11: not JSON"):
        parse_lines(10, [GOOD[0], b'{"id": "c", "text": "1"}, {"id": "d", "text": "2"}\n'])


@given(st.lists(st.text(max_size=30), max_size=20))
def test_id_hashes_are_one_per_id_and_equal_for_equal_ids(ids: list[str]) -> None:
    hashes = hash_ids(ids)
    assert hashes.dtype == np.uint64 and hashes.size == len(ids)
    for i, a in enumerate(ids):
        for j, b in enumerate(ids):
            if a == b:
                assert hashes[i] == hashes[j]
    assert hash_ids(ids[::-1]).tolist() == hashes[::-1].tolist()


def test_id_hashes_differ_for_the_usual_ids() -> None:
    ids = [f"c{i:07d}" for i in range(50_000)] + ["FCC-17-108-1", "FCC-17-108-2", "é", "e"]
    assert np.unique(hash_ids(ids)).size == len(ids)


def test_id_hashes_are_the_same_in_every_process() -> None:
    # Python's own `hash` of a str changes with PYTHONHASHSEED; Dask workers are processes.
    code = "from roundtable.analysis.campaigns.words import hash_ids; print(hash_ids(['a', 'é']).tolist())"
    outs = {
        subprocess.run(
            [sys.executable, "-c", code],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2")
    }
    assert len(outs) == 1


@given(
    st.lists(st.sampled_from(["", " ", "a", "a b", "b a", "x y z w", "Été, déjà!"]), max_size=12)
)
def test_a_texts_exact_key_does_not_depend_on_its_batch(texts: list[str]) -> None:
    # Empty texts among and after the others once cut a neighbour's sum short.
    _, counts, keys = hash_words([normal_bytes(t) for t in texts])
    for text, count, key in zip(texts, counts.tolist(), keys.tolist(), strict=True):
        _, alone_counts, alone = hash_words([normal_bytes(text)])
        assert (count, key) == (alone_counts[0], alone[0])
