"""Schemathesis, the OpenAPI-driven fuzzer, against the live API of the demo world.

Run as its own command line (`schemathesis run --checks all`, the stateful phase on) against a
real server on loopback, once per kind of standing: an anonymous visitor, an accredited
participant and a venue's secretariat (API tokens). The rules the schema cannot express are
kept by schemathesis_hooks.py. It fails on a server error, an undocumented status code, a
response that breaks its schema, a schema-violating request accepted or a schema-valid one
rejected.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.world import load_demo_world

pytestmark = pytest.mark.django_db(transaction=True)

SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")
REPO = Path(__file__).resolve().parents[2]
CONFIG = Path(__file__).with_name("schemathesis.toml")
KINDS = ("anonymous", "participant", "secretariat")


def _failures(report: str) -> str:
    """The failing operations, each check that failed and the API's answer, nothing else."""
    keep = re.compile(
        r"^(_{3,} .* _{3,}|- ST\d+ .*|\[\d{3}\] .*|\s+`.*`|\s+curl .*|Failures:.*|\s+❌.*)$"
    )
    return "\n".join(line for line in report.splitlines() if keep.match(line))


def test_schemathesis_finds_nothing(live_server: object, tmp_path: Path) -> None:
    world = load_demo_world()
    url = f"{live_server.url}/api/openapi.json"  # type: ignore[attr-defined]
    failures = []
    for kind in KINDS:
        headers = (
            [] if kind == "anonymous" else ["-H", f"Authorization: Bearer {world.tokens[kind]}"]
        )
        run = subprocess.run(
            [
                str(SCHEMATHESIS),
                "run",
                url,
                "--checks",
                "all",
                "--max-examples",
                "5",
                "--phases",
                "examples,coverage,fuzzing,stateful",
                "--no-color",
                "--seed",
                "20261201",
                *headers,
            ],  # fmt: skip
            capture_output=True,
            text=True,
            timeout=600,
            cwd=tmp_path,
            env={
                **os.environ,
                "NO_COLOR": "1",
                "SCHEMATHESIS_HOOKS": "tests.api.schemathesis_hooks",
                "PYTHONPATH": str(REPO),
            },
        )
        if run.returncode != 0:
            failures.append(f"--- as {kind} ---\n{_failures(run.stdout)}\n{run.stderr[-2000:]}")
    assert not failures, "\n".join(failures)
