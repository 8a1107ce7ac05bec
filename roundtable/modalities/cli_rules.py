"""`roundtable modalities` subcommands that read the rules: list, check, explain, matrix,
compare, docs (see `cli.py` for their arguments)."""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path
from typing import Any

from rich.table import Table

from roundtable.modalities import docgen
from roundtable.modalities.cli_io import (
    UsageError,
    check_known,
    emit_json,
    modality_argument,
    new_console,
    phase_or_first,
)
from roundtable.modalities.compare import Matrix, compare, matrices, matrix
from roundtable.modalities.engine import decide
from roundtable.modalities.loader import check_file, load_modality, preset_names
from roundtable.modalities.standing import Context, Standing


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
        emit_json({"modalities": rows})
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
    new_console().print(table)
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
        emit_json({"ok": ok, "files": results})
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
    modality = modality_argument(args.modality)
    check_known([args.right], modality.rights, "right")
    check_known(args.group, modality.groups, "group")
    # A category the modality does not name is a fact no rule mentions, not a typo to refuse:
    # the engine answers with its ordinary rule (an IGF modality takes no vote from anyone).
    # Rights, groups, roles, phases and day kinds are the modality's vocabulary: checked.
    unnamed = [c for c in args.category if c not in modality.categories]
    check_known(args.role, modality.roles, "role")
    if args.day is not None:
        check_known([args.day], modality.days, "day kind")
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
        phase=phase_or_first(modality, args.phase),
        day=args.day,
        time=time,
    )
    decision = decide(modality, right=args.right, standing=standing, context=context)
    if args.json:
        emit_json(decision.to_json())
        return 0
    console = new_console()
    verdict = "ALLOWED" if decision.allowed else "DENIED"
    console.print(f"{modality.name}: {args.right} for {standing.describe()} {context.describe()}")
    console.print(f"{verdict} by rule {decision.rule}")
    console.print(decision.reason)
    for category in unnamed:
        console.print(f"Note: {modality.name} names no category {category!r}; no rule mentions it.")
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
    modality = modality_argument(args.modality)
    if args.phase is not None:
        check_known([args.phase], [p.name for p in modality.phases], "phase")
        found = [matrix(modality, args.phase)]
    else:
        found = matrices(modality)
    if args.json:
        emit_json({"modality": modality.name, "matrices": [m.to_json() for m in found]})
        return 0
    if args.markdown:
        print(docgen.render_modality(modality, found))
        return 0
    console = new_console()
    for m in found:
        console.print(_matrix_table(m))
    console.print("yes = allowed; accredited = allowed once accredited; * = with obligations")
    return 0


# ---- compare ----------------------------------------------------------------------------
def cmd_compare(args: argparse.Namespace) -> int:
    a, b = modality_argument(args.a), modality_argument(args.b)
    result = compare(a, b)
    if args.json:
        emit_json(result.to_json())
        return 0
    console = new_console()
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
