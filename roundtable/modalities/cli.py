"""`roundtable modalities ...`: list, check, explain, matrix, compare, tally, queue, docs.

``main(argv) -> int`` owns its arguments (the Django management command only delegates).
``--json`` prints exactly one JSON object; otherwise a readable table. MODALITY is a preset
name or the path of a rule file. Exit codes: 0 done, 1 problems found (``check``, stale
``docs --check``), 2 bad usage or input.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from roundtable.modalities import docgen
from roundtable.modalities.compare import (
    Matrix,
    compare,
    describe_speaker_order,
    matrices,
    matrix,
)
from roundtable.modalities.engine import decide
from roundtable.modalities.loader import check_file, load_modality, preset_names
from roundtable.modalities.model import Modality
from roundtable.modalities.procedures import Ballot, BallotError, tally
from roundtable.modalities.rulefile import ModalityError
from roundtable.modalities.speakers import SpeakRequest, queue_for_modality
from roundtable.modalities.standing import Context, Standing


class UsageError(Exception):
    """Bad input from the command line (exit 2)."""


def _console() -> Console:
    out = sys.stdout
    return Console(
        file=out,
        width=None if out.isatty() else 160,
        highlight=False,
        markup=False,
        emoji=False,
        soft_wrap=False,
    )


def _emit_json(payload: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")


def _load(name: str) -> Modality:
    try:
        return load_modality(name)
    except ModalityError as exc:
        raise UsageError(str(exc)) from None


def _read_json_list(path: str, what: str) -> list[dict[str, Any]]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise UsageError(f"{path}: cannot read {what}: {exc}") from None
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise UsageError(f"{path}: {what} must be a JSON list of objects")
    return data


def _check_known(values: Sequence[str], known: Sequence[str], what: str) -> None:
    for value in values:
        if value not in known:
            raise UsageError(f"unknown {what} {value!r} (known: {', '.join(known) or 'none'})")


def _phase(modality: Modality, phase: str | None) -> str | None:
    if phase is None:
        return modality.default_phase
    _check_known([phase], [p.name for p in modality.phases], "phase")
    return phase


# ---- list -------------------------------------------------------------------------------
def cmd_list(args: argparse.Namespace) -> int:
    rows: list[dict[str, Any]] = []
    for name in preset_names():
        m = load_modality(name)
        rows.append(
            {
                "name": name,
                "title": m.title,
                "venue": m.venue,
                "extends": m.extends,
                "phases": {p.name: p.adoption for p in m.phases},
                "secret_ballots": [p.name for p in m.procedures if p.secret],
                "speaker_order": m.speaker_order.policy,
                "rules": len(m.rules),
            }
        )
    if args.json:
        _emit_json({"modalities": rows})
        return 0
    table = Table(title="Modality presets")
    for column in ("name", "title", "extends", "phases (adoption)", "speaker order"):
        table.add_column(column)
    for row in rows:
        secret = row["secret_ballots"]
        phases = (
            ", ".join(
                f"{k} ({v}{', secret ballot' if v in secret else ''})"
                for k, v in row["phases"].items()
            )
            or "-"
        )
        table.add_row(
            row["name"], row["title"], row["extends"] or "-", phases, row["speaker_order"]
        )
    _console().print(table)
    return 0


# ---- check ------------------------------------------------------------------------------
def cmd_check(args: argparse.Namespace) -> int:
    results = []
    for file in args.files:
        problems = check_file(file)
        results.append(
            {"file": file, "ok": not problems, "errors": [p.to_json() for p in problems]}
        )
    ok = all(r["ok"] for r in results)
    if args.json:
        _emit_json({"ok": ok, "files": results})
    else:
        for file, result in zip(args.files, results, strict=True):
            if result["ok"]:
                print(f"{file}: ok")
            for error in result["errors"]:
                print(
                    f"{error['file']}:{error['line']}: {error['field'] or '(top)'}: {error['message']}"
                )
    return 0 if ok else 1


# ---- explain ----------------------------------------------------------------------------
def cmd_explain(args: argparse.Namespace) -> int:
    modality = _load(args.modality)
    _check_known([args.right], modality.rights, "right")
    _check_known(args.group, modality.groups, "group")
    _check_known(args.category, modality.categories, "category")
    _check_known(args.role, modality.roles, "role")
    if args.day is not None:
        _check_known([args.day], modality.days, "day kind")
    time = None
    if args.time is not None:
        try:
            time = datetime.fromisoformat(args.time.replace("Z", "+00:00"))
        except ValueError as exc:
            raise UsageError(f"--time: {exc}") from None
        if time.utcoffset() is None:
            raise UsageError("--time needs a timezone, e.g. 2026-02-13T10:00:00+01:00")
    standing = Standing(
        groups=frozenset(args.group),
        categories=frozenset(args.category),
        roles=frozenset(args.role),
        delegation=args.delegation,
        head_of_delegation=args.head_of_delegation,
        accredited=args.accredited,
        coalitions=frozenset(args.coalition),
        anonymous=args.anonymous,
    )
    context = Context(
        venue=args.venue or modality.venue,
        issues=frozenset(args.issue),
        phase=_phase(modality, args.phase),
        day=args.day,
        time=time,
    )
    decision = decide(modality, right=args.right, standing=standing, context=context)
    if args.json:
        _emit_json(decision.to_json())
        return 0
    console = _console()
    verdict = "ALLOWED" if decision.allowed else "DENIED"
    console.print(f"{modality.name}: {args.right} for {standing.describe()} {context.describe()}")
    console.print(f"{verdict} by rule {decision.rule}")
    console.print(decision.reason)
    for obligation in decision.obligations:
        console.print(f"  obligation: {obligation.describe()}")
    if decision.would_allow:
        console.print("Would be allowed for:")
        for hint in decision.would_allow:
            console.print(f"  - {hint}")
    return 0


# ---- matrix -----------------------------------------------------------------------------
def _matrix_table(m: Matrix) -> Table:
    table = Table(title=f"{m.modality} - phase {m.phase or '(none)'}")
    table.add_column("standing")
    for right in m.rights:
        table.add_column(right, justify="center")
    for row, cells in zip(m.rows, m.cells, strict=True):
        table.add_row(row, *(cell.label() for cell in cells))
    return table


def cmd_matrix(args: argparse.Namespace) -> int:
    modality = _load(args.modality)
    if args.phase is not None:
        _check_known([args.phase], [p.name for p in modality.phases], "phase")
        found = [matrix(modality, args.phase)]
    else:
        found = matrices(modality)
    if args.json:
        _emit_json({"modality": modality.name, "matrices": [m.to_json() for m in found]})
        return 0
    if args.markdown:
        print(docgen.render_modality(modality, found))
        return 0
    console = _console()
    for m in found:
        console.print(_matrix_table(m))
    console.print("yes = allowed; accredited = allowed once accredited; * = with obligations")
    return 0


# ---- compare ----------------------------------------------------------------------------
def cmd_compare(args: argparse.Namespace) -> int:
    a, b = _load(args.a), _load(args.b)
    result = compare(a, b)
    if args.json:
        _emit_json(result.to_json())
        return 0
    console = _console()
    if result.settings:
        settings = Table(title="Settings that differ")
        for column in ("setting", a.name, b.name):
            settings.add_column(column)
        for s in result.settings:
            settings.add_row(s.what, s.a, s.b)
        console.print(settings)
    table = Table(title=f"Rights that differ: {a.name} -> {b.name} ({len(result.rights)})")
    for column in ("phase", "standing", "right", a.name, b.name):
        table.add_column(column)
    for d in result.rights:
        table.add_row(d.phase or "-", d.row, d.right, d.a.label(), d.b.label())
    console.print(table)
    if not result.rights and not result.settings:
        console.print("No differences.")
    return 0


# ---- tally ------------------------------------------------------------------------------
def cmd_tally(args: argparse.Namespace) -> int:
    modality = _load(args.modality)
    name = args.procedure
    if name is None:
        adopting = [p.adoption for p in modality.phases if p.adoption != "none"]
        if not adopting:
            raise UsageError(f"{modality.name} adopts nothing: it has no adoption procedure")
        name = adopting[0]
    procedure = modality.procedure(name)
    if procedure is None:
        known = ", ".join(p.name for p in modality.procedures) or "none"
        raise UsageError(f"{modality.name} has no procedure {name!r} (known: {known})")
    try:
        ballots = [Ballot.from_json(item) for item in _read_json_list(args.ballots, "ballots")]
        result = tally(procedure, ballots, designation=args.designation)
    except BallotError as exc:
        raise UsageError(f"{args.ballots}: {exc}") from None
    payload = {"modality": modality.name, **result.to_json()}
    if args.json:
        _emit_json(payload)
        return 0
    console = _console()
    console.print(
        f"{modality.name} / {procedure.name} ({procedure.kind}"
        f"{', secret ballot' if procedure.secret else ''}): {result.outcome.upper()}"
    )
    console.print(result.summary)
    for key, value in result.arithmetic.items():
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            table = Table(title=key)
            columns = list(value[0])
            for column in columns:
                table.add_column(column)
            for item in value:
                table.add_row(*(str(item.get(c, "")) for c in columns))
            console.print(table)
        else:
            console.print(f"  {key}: {value}")
    return 0


# ---- queue ------------------------------------------------------------------------------
def cmd_queue(args: argparse.Namespace) -> int:
    modality = _load(args.modality)
    if args.day is not None:
        _check_known([args.day], modality.days, "day kind")
    try:
        requests = [
            SpeakRequest.from_json(item) for item in _read_json_list(args.requests, "requests")
        ]
    except ValueError as exc:
        raise UsageError(f"{args.requests}: {exc}") from None
    context = Context(venue=modality.venue, phase=_phase(modality, args.phase), day=args.day)
    result = queue_for_modality(modality, requests, context)
    payload = {
        "modality": modality.name,
        "policy": modality.speaker_order.policy,
        "context": context.describe(),
        **result.to_json(),
    }
    if args.json:
        _emit_json(payload)
        return 0
    console = _console()
    table = Table(title=f"{modality.name}: speaker order ({describe_speaker_order(modality)})")
    for column in ("#", "speaker", "group", "via", "round", "tier", "remote"):
        table.add_column(column)
    for index, slot in enumerate(result.slots, 1):
        table.add_row(
            str(index),
            slot.speaker,
            slot.group or "-",
            slot.via,
            str(slot.round),
            str(slot.tier),
            "yes" if slot.remote else "",
        )
    console.print(table)
    for refusal in result.refused:
        console.print(f"refused: {refusal.speaker} ({refusal.rule}): {refusal.reason}")
    return 0


# ---- docs -------------------------------------------------------------------------------
def cmd_docs(args: argparse.Namespace) -> int:
    if args.write is None and args.check is None:
        print(docgen.render_all())
        return 0
    target = Path(args.write or args.check)
    current = target.read_text(encoding="utf-8")
    try:
        updated = docgen.update(current)
    except ValueError as exc:
        raise UsageError(f"{target}: {exc}") from None
    if args.check is not None:
        if updated != current:
            print(f"{target} is stale: run `roundtable modalities docs --write {target}`")
            return 1
        print(f"{target}: up to date")
        return 0
    if updated != current:
        target.write_text(updated, encoding="utf-8")
        print(f"{target}: regenerated")
    else:
        print(f"{target}: already up to date")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="roundtable modalities",
        description="Participation rules (modalities): list, check, explain, compare, tally.",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    def add(name: str, help_text: str, *, json_flag: bool = True) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        if json_flag:
            p.add_argument("--json", action="store_true", help="print one JSON object")
        return p

    p = add("list", "list the presets")
    p.set_defaults(func=cmd_list)

    p = add("check", "check rule files (exit 1 with located errors)")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.set_defaults(func=cmd_check)

    p = add("explain", "decide one right for one standing, and say why")
    p.add_argument("modality", metavar="MODALITY")
    p.add_argument("--right", required=True)
    p.add_argument("--phase", help="phase kind (default: the modality's first phase)")
    p.add_argument("--group", action="append", default=[], metavar="G")
    p.add_argument("--category", action="append", default=[], metavar="C")
    p.add_argument("--role", action="append", default=[], metavar="X")
    p.add_argument("--coalition", action="append", default=[], metavar="C")
    p.add_argument("--delegation", metavar="D")
    p.add_argument("--head-of-delegation", action="store_true")
    p.add_argument("--accredited", action="store_true")
    p.add_argument("--anonymous", action="store_true", help="not signed in")
    p.add_argument("--venue")
    p.add_argument("--issue", action="append", default=[], metavar="TAG")
    p.add_argument("--day", help="meeting day kind")
    p.add_argument("--time", help="ISO date-time with timezone")
    p.set_defaults(func=cmd_explain)

    p = add("matrix", "who may do what, per phase")
    p.add_argument("modality", metavar="MODALITY")
    p.add_argument("--phase")
    p.add_argument("--markdown", action="store_true", help="Markdown, as in docs/modalities.md")
    p.set_defaults(func=cmd_matrix)

    p = add("compare", "what changes from modality A to modality B")
    p.add_argument("a", metavar="A")
    p.add_argument("b", metavar="B")
    p.set_defaults(func=cmd_compare)

    p = add("tally", "apply an adoption procedure to ballots")
    p.add_argument("modality", metavar="MODALITY")
    p.add_argument("--procedure", metavar="NAME", help="default: the adoption phase's procedure")
    p.add_argument("--ballots", required=True, metavar="FILE")
    p.add_argument("--designation", metavar="LEVEL", help="the chair's consensus call")
    p.set_defaults(func=cmd_tally)

    p = add("queue", "order requests for the floor")
    p.add_argument("modality", metavar="MODALITY")
    p.add_argument("--requests", required=True, metavar="FILE")
    p.add_argument("--phase")
    p.add_argument("--day", help="meeting day kind")
    p.set_defaults(func=cmd_queue)

    p = add("docs", "print or refresh the generated parts of docs/modalities.md", json_flag=False)
    group = p.add_mutually_exclusive_group()
    group.add_argument("--write", metavar="PATH", help="rewrite the generated sections in place")
    group.add_argument("--check", metavar="PATH", help="exit 1 if the sections are stale")
    p.set_defaults(func=cmd_docs)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    except SystemExit as exc:
        return int(exc.code) if isinstance(exc.code, int) else 2
    try:
        code: int = args.func(args)
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return code


if __name__ == "__main__":
    sys.exit(main())
