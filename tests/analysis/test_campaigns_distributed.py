"""Campaign grouping on a local Dask cluster (2 worker processes) gives the very partition of
the single-machine Grouper: on a seeded corpus, on generated ones, whatever the byte ranges;
bad input names the same line; the CLI's --scheduler writes the same GROUPS file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from distributed import Client, LocalCluster
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from roundtable.analysis.campaigns import Grouper, Params, Partition
from roundtable.analysis.campaigns.distributed import group_on, ranges, read_range
from roundtable.analysis.campaigns.ids import IdStore
from roundtable.analysis.campaigns.reading import InputError, read_batches
from tests.analysis.test_campaigns_properties import Corpus, corpora

REPO = Path(__file__).resolve().parents[2]
MAKE_CORPUS = REPO.parent / "shared" / "bench" / "comments" / "make_corpus.py"


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as cluster,
        Client(cluster) as c,
    ):
        yield c


def single(path: Path, params: Params) -> Partition:
    grouper = Grouper(params)
    for batch in read_batches(path):
        grouper.add(batch.ids, batch.texts)
    return grouper.finish()


def assert_same(client: Client, path: Path, parts: int, params: Params | None = None) -> None:
    params = params or Params()
    expected = single(path, params)
    got, ids = group_on(client, str(path), path.stat().st_size, params, parts)
    # Groups are named by their first comment on both sides: equal arrays, equal partitions.
    assert np.array_equal(got.group, expected.group)
    assert [json.loads(i) for i in ids.encoded()] == [i for b in read_batches(path) for i in b.ids]


def write(path: Path, corpus: Corpus, blank_every: int = 0) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for n, (ident, text) in enumerate(corpus):
            if blank_every and n % blank_every == 0:
                fh.write("\n")
            fh.write(json.dumps({"id": ident, "text": text}, ensure_ascii=False) + "\n")


def test_ranges_read_every_line_once(tmp_path: Path) -> None:
    path = tmp_path / "lines.txt"
    path.write_bytes(b"a\n\nbb\nccc\n" + "\u00e9t\u00e9\n".encode() + b"last")
    size = path.stat().st_size
    for parts in range(1, size + 3):
        read = [raw for a, b in ranges(size, parts) for raw in read_range(str(path), a, b)]
        assert b"".join(read) == path.read_bytes()


def test_seeded_corpus_same_partition(client: Client, tmp_path: Path) -> None:
    path = tmp_path / "corpus.jsonl"
    cmd = [sys.executable, str(MAKE_CORPUS), "--n", "3000", "--seed", "5", "--out", str(path)]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    for parts in (1, 4, 11):
        assert_same(client, path, parts)
    assert_same(client, path, 5, Params(threshold=0.7))


@settings(
    max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(corpora(), st.integers(1, 7), st.integers(0, 5))
def test_generated_corpora_same_partition(
    client: Client,
    tmp_path: Path,
    drawn: tuple[Corpus, list[list[str]], list[str]],
    parts: int,
    blank_every: int,
) -> None:
    path = tmp_path / "generated.jsonl"
    write(path, drawn[0], blank_every)
    assert_same(client, path, parts)


def first_error(path: Path) -> str:
    ids = IdStore()
    try:
        for batch in read_batches(path):
            ids.add(batch)
        ids.check_unique(single(path, Params()).duplicate_id_hashes)
    except InputError as exc:
        return str(exc)
    raise AssertionError("no error on one machine")


@pytest.mark.parametrize(
    "bad",
    [
        "not json",
        json.dumps({"id": "x", "text": 3}),
        json.dumps({"id": "c7", "text": "a repeated id"}),
    ],
)
def test_bad_input_names_the_same_line(client: Client, tmp_path: Path, bad: str) -> None:
    path = tmp_path / "bad.jsonl"
    corpus = [(f"c{n}", f"comment number {n} says something of its own") for n in range(40)]
    write(path, corpus, blank_every=6)
    with path.open("a") as fh:
        fh.write(bad + "\n" + json.dumps({"id": "after", "text": "more"}) + "\n")
    expected = first_error(path)
    with pytest.raises(InputError) as caught:
        group_on(client, str(path), path.stat().st_size, Params(), 4)
    assert str(caught.value) == expected


def test_cli_scheduler_writes_the_same_groups(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    letter = "We urge the Commission to protect fundamental rights in the AI Act. " * 2
    corpus = [(f"s{n}", f"Dear Sir,\n{letter}\nSigned, person {n}") for n in range(30)]
    own = [" ".join(f"w{n}x{k}" for k in range(8)) for n in range(9)]
    corpus += [(f"o{n}", f"My own view: {words}.") for n, words in enumerate(own)]
    write(path, corpus)
    env = dict(os.environ, PYTHONPATH=str(REPO))
    outputs = {}
    for name, extra in (("one", []), ("local", ["--scheduler", "local:2", "--partitions", "3"])):
        out = tmp_path / f"{name}.json"
        cmd = [sys.executable, "-m", "roundtable.cli", "campaigns", "group", str(path)]
        done = subprocess.run(
            [*cmd, "--out", str(out), "--json", *extra],
            capture_output=True,
            text=True,
            env=env,
            cwd=REPO,
            check=False,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        outputs[name] = (json.loads(out.read_text()), json.loads(done.stdout))
    assert outputs["local"][0] == outputs["one"][0]
    assert set(outputs["local"][0]) == {i for i, _ in corpus}
    summary = outputs["local"][1]
    assert (summary["comments"], summary["campaigns"], summary["largest"]) == (39, 1, 30)
    assert (summary["workers"], summary["partitions"]) == (2, 3)


@pytest.mark.parametrize(
    "extra",
    [
        ["--partitions", "3"],
        ["--scheduler", "local:1", "--partitions", "0"],
        ["--scheduler", "local:x"],
    ],
)
def test_cli_bad_scheduler_options(tmp_path: Path, extra: list[str]) -> None:
    path = tmp_path / "in.jsonl"
    write(path, [("a", "one comment of its own")])
    out = tmp_path / "out.json"
    cmd = [
        sys.executable,
        "-m",
        "roundtable.cli",
        "campaigns",
        "group",
        str(path),
        "--out",
        str(out),
    ]
    env = dict(os.environ, PYTHONPATH=str(REPO))
    done = subprocess.run(
        [*cmd, *extra], capture_output=True, text=True, env=env, cwd=REPO, check=False, timeout=60
    )
    assert done.returncode == 2
    assert done.stderr.startswith("error: ") and "Traceback" not in done.stderr
    assert not out.exists()
