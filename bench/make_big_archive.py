"""Make a larger Pipermail archive from twisted-web, to show import memory stays flat.

Each monthly file is written COPIES times under shifted years (2004 -> 2024, 2044, ...), with
every Message-ID, In-Reply-To and References id prefixed by the copy number, so the copies
thread like the original and never collide. Deterministic: the same input gives the same output.

    .venv/bin/python bench/make_big_archive.py /tmp/big --copies 4
    .venv/bin/python bench/bench_import.py --archive /tmp/big --repeat 1
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = REPO.parent / "shared/data/mail/twisted-web-pipermail/twisted-web"
ID_HEADERS = (b"message-id:", b"in-reply-to:", b"references:")
MONTHLY = re.compile(r"^(\d{4})-(\w+\.txt)$")


def retag(data: bytes, prefix: bytes) -> bytes:
    """Prefix every <id> in Message-ID, In-Reply-To and References (folded lines included)."""
    out, in_ids = [], False
    for line in data.split(b"\n"):
        if line[:1] in (b" ", b"\t"):
            pass  # a folded continuation keeps the header it belongs to
        else:
            in_ids = line.lower().startswith(ID_HEADERS)
        out.append(line.replace(b"<", b"<" + prefix) if in_ids else line)
    return b"\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("target", type=Path)
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--copies", type=int, default=4)
    args = parser.parse_args()
    args.target.mkdir(parents=True, exist_ok=True)
    written = 0
    for path in sorted(args.source.glob("*.txt")):
        match = MONTHLY.match(path.name)
        if match is None:
            continue
        data = path.read_bytes()
        for copy in range(args.copies):
            year = int(match.group(1)) + 20 * copy
            tagged = retag(data, f"c{copy}-".encode())
            (args.target / f"{year}-{match.group(2)}").write_bytes(tagged)
            written += 1
    print(f"{written} monthly files in {args.target}")


if __name__ == "__main__":
    main()
