"""`roundtable audit verify`: recompute the hash chain, check the rows its events describe and,
given a published head, that nothing was cut off; `roundtable audit head`: the head to publish.

It lives with the door, above the trail: the trail records, the door decides who may read it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from roundtable.audit.queries import PublishedHead, Verification, get_chain_head, verify_chain
from roundtable.permissions.door import require_command


class Command(BaseCommand):
    help = "Audit trail tools."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        verify = sub.add_parser("verify", help="Recompute the hash chain and check the rows.")
        verify.add_argument("--json", action="store_true", help="Print one JSON object.")
        verify.add_argument(
            "--head",
            metavar="FILE",
            help="A head exported by `audit head` and published: detects a truncated chain.",
        )
        sub.add_parser("head", help="Print the chain head (sequence, hash, time) as JSON.")

    def handle(self, *args: Any, **options: Any) -> None:
        require_command(right="administer", modality="platform")
        if options["action"] == "head":
            head = get_chain_head()
            self.stdout.write(json.dumps({"sequence": head.seq, "hash": head.hash, "at": head.at}))
            return
        published = _read_head(options["head"]) if options.get("head") else None
        result = verify_chain(head=published)
        if options["json"]:
            self.stdout.write(json.dumps(_as_json(result)))
        elif result.ok:
            self.stdout.write(
                f"Audit chain intact: {result.checked} events verified, "
                f"{result.rows_checked} rows match their last events."
            )
        brk = result.first_break
        if brk is not None:
            msg = f"Audit chain broken at event #{brk.seq}"
            if brk.event_id is not None:
                msg += f" (id {brk.event_id})"
            msg += f": {brk.problem}. {result.checked} events before it verified."
            raise CommandError(msg, returncode=1)
        if result.row_mismatches:
            lines = [
                f"Event #{m.seq} ({m.target_type} {m.target_id}): {m.problem}."
                for m in result.row_mismatches[:20]
            ]
            more = len(result.row_mismatches) - len(lines)
            if more > 0:
                lines.append(f"... and {more} more.")
            raise CommandError(
                f"{len(result.row_mismatches)} row(s) no longer match their last audit event:\n"
                + "\n".join(lines),
                returncode=1,
            )


def _read_head(path: str) -> PublishedHead:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        seq, digest = data["sequence"], data["hash"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise CommandError(
            f"Cannot read the published head {path}: {exc.__class__.__name__}. Expected the JSON "
            'printed by `roundtable audit head` ({"sequence": ..., "hash": ..., "at": ...}).',
            returncode=2,
        ) from exc
    if not isinstance(seq, int) or seq < 0 or not isinstance(digest, str) or len(digest) != 64:
        raise CommandError(
            f"The published head {path} needs a non-negative integer sequence and a 64-character "
            "hash.",
            returncode=2,
        )
    return PublishedHead(seq=seq, hash=digest, at=str(data.get("at", "")))


def _as_json(result: Verification) -> dict[str, Any]:
    brk = result.first_break
    return {
        "ok": result.ok,
        "checked": result.checked,
        "broken_seq": brk.seq if brk else None,
        "broken_event_id": brk.event_id if brk else None,
        "problem": brk.problem if brk else None,
        "rows_checked": result.rows_checked,
        "row_mismatches": [
            {
                "seq": m.seq,
                "target_type": m.target_type,
                "target_id": m.target_id,
                "problem": m.problem,
            }
            for m in result.row_mismatches
        ],
    }
