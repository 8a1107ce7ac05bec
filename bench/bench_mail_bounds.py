"""Benchmark: hostile mail stays bounded (docs/lists.md, "Limits").

Generates, seeded and in a temporary folder (nothing is committed):
- big.eml: one 200 MB message (a 1 MiB block of seeded random words, repeated);
- bomb.txt.gz: a Pipermail-style mbox whose second message holds 200 MB of repeated lines,
  about 200 KB compressed;
and, for reference in the same run, normal.eml: an ordinary 5 KB message. The bomb is imported
twice: with the default limits, and with the expansion limit lowered to 64 MiB (reading stops
there and a quarantine record says why).

Each measurement runs in its own process (peak memory, ru_maxrss, is that run's alone) on a
fresh SQLite database: the import's time and peak memory, then the message page's time and
size (Django's test client, anonymous) and the streamed raw download's time, size and peak.
The reference rows: a bare stdlib `email.message_from_bytes` parse of the normal message and
the import of the normal message (the process's own baseline: Python, Django, the database).

    .venv/bin/python bench/bench_mail_bounds.py [--megabytes 200] [--json]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
MIB = 1024 * 1024
HEADERS = (
    "From: Alice Example <alice@example.org>\nTo: list@example.org\n"
    "Date: Tue, 1 Nov 2005 10:00:00 +0000\nSubject: {subject}\nMessage-ID: <{ident}@example.org>\n"
    "MIME-Version: 1.0\nContent-Type: text/plain; charset=us-ascii\n\n"
)
WORDS = [
    "policy",
    "draft",
    "modality",
    "consensus",
    "stakeholder",
    "remote",
    "session",
    "chair",
    "agenda",
    "note",
]


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def _block(rng: random.Random, size: int) -> bytes:
    lines, total = [], 0
    while total < size:
        line = " ".join(rng.choice(WORDS) for _ in range(10)) + "\n"
        lines.append(line)
        total += len(line)
    return "".join(lines).encode()[:size]


def generate(folder: Path, megabytes: int) -> dict[str, Path]:
    rng = random.Random(20261201)
    normal = folder / "normal.eml"
    normal.write_bytes(
        HEADERS.format(subject="normal", ident="normal").encode() + _block(rng, 5000)
    )
    big = folder / "big.eml"
    block = _block(rng, MIB)
    with big.open("wb") as handle:
        handle.write(HEADERS.format(subject="big", ident="big").encode())
        for _ in range(megabytes):
            handle.write(block)
    bomb = folder / "2005-November.txt.gz"
    line = b"All work and no play makes a very long message indeed, line after line.\n"
    chunk = line * (MIB // len(line))
    with gzip.open(bomb, "wb", compresslevel=9) as handle:
        handle.write(b"From alice at example.org  Tue Nov  1 09:00:00 2005\n")
        handle.write(HEADERS.format(subject="first", ident="first").encode() + b"hello\n\n")
        handle.write(b"From alice at example.org  Tue Nov  1 10:00:00 2005\n")
        handle.write(HEADERS.format(subject="bomb", ident="bomb").encode())
        for _ in range(megabytes):
            handle.write(chunk)
    return {"normal": normal, "big": big, "bomb": bomb}


def worker_stdlib(path: Path) -> dict[str, float]:
    import email
    from email.policy import compat32

    data = path.read_bytes()
    start = time.perf_counter()
    message = email.message_from_bytes(data, policy=compat32)
    for part in message.walk():
        part.get_payload(decode=True)
    return {"seconds": time.perf_counter() - start, "peak_mib": _peak_mib()}


def worker_import(path: Path) -> dict[str, float]:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "roundtable.settings")
    sys.path.insert(0, str(REPO))
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    call_command("migrate", verbosity=0)
    from roundtable.lists.actions import do_import_archive
    from roundtable.lists.models import Message, QuarantinedMessage
    from roundtable.permissions.actor import Actor

    baseline = _peak_mib()
    start = time.perf_counter()
    result = do_import_archive(
        actor=Actor.operator("bench"), list_address="bench@example.org", paths=[str(path)]
    )
    seconds = time.perf_counter() - start
    import_peak = _peak_mib()
    assert result.read == result.stored + result.duplicates + result.quarantined
    message = Message.objects.defer("raw", "text", "html").order_by("-id").first()
    assert message is not None
    client = Client(SERVER_NAME="localhost")
    url = f"/lists/bench/m/{message.key}/"
    client.get(url)  # warm: templates, translations
    start = time.perf_counter()
    page = client.get(url)
    page_seconds = time.perf_counter() - start
    assert page.status_code == 200, page.status_code
    start = time.perf_counter()
    raw = client.get(url + "raw/")
    raw_bytes = sum(len(chunk) for chunk in raw.streaming_content)
    raw_seconds = time.perf_counter() - start
    return {
        "read": result.read,
        "stored": result.stored,
        "quarantined": result.quarantined,
        "reasons": list(QuarantinedMessage.objects.values_list("reason", flat=True)),
        "notes": message.notes,
        "baseline_mib": baseline,
        "import_seconds": seconds,
        "import_peak_mib": import_peak,
        "page_seconds": page_seconds,
        "page_bytes": len(page.content),
        "raw_seconds": raw_seconds,
        "raw_bytes": raw_bytes,
        "peak_mib": _peak_mib(),
    }


def _run(kind: str, path: Path, env: dict[str, str]) -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, __file__, "--worker", kind, "--path", str(path)],
        env=env, cwd=REPO, capture_output=True, text=True, check=False, timeout=1800,
    )  # fmt: skip
    if out.returncode != 0:
        raise SystemExit(f"{kind} run on {path.name} failed:\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--megabytes", type=int, default=200)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--path", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker = worker_stdlib if args.worker == "stdlib" else worker_import
        print(json.dumps(worker(args.path)))
        return
    rows: dict[str, dict[str, object]] = {}
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        files = generate(Path(folder), args.megabytes)
        generated = time.perf_counter() - start
        sizes = {name: path.stat().st_size for name, path in files.items()}
        rows["stdlib parse of normal.eml (reference)"] = _run(
            "stdlib", files["normal"], {**os.environ}
        )
        runs = [
            ("import normal (reference)", "normal", {}),
            ("import big", "big", {}),
            ("import bomb", "bomb", {}),
            (
                "import bomb, expansion cap 64 MiB",
                "bomb",
                {"ROUNDTABLE_LIST_EXPANDED_CAP": str(64 * MIB)},
            ),
        ]
        for label, name, extra in runs:
            with tempfile.TemporaryDirectory() as data:
                env = dict(
                    os.environ,
                    ROUNDTABLE_DEBUG="0",
                    DATABASE_URL=f"sqlite:///{data}/bench.sqlite3",
                    ROUNDTABLE_DATA_DIR=data,
                    **extra,
                )
                rows[label] = _run("import", files[name], env)
    if args.json:
        print(json.dumps({"sizes": sizes, "rows": rows}, indent=2))
        return
    print(
        f"generated in {generated:.1f} s: "
        + ", ".join(f"{k} {v:,} bytes" for k, v in sizes.items())
    )
    for label, row in rows.items():
        print(f"\n{label}")
        for key, value in row.items():
            shown = f"{value:.3f}" if isinstance(value, float) else value
            print(f"  {key:16} {shown}")


if __name__ == "__main__":
    main()
