"""`roundtable modalities ...`: list, check, explain, matrix, compare, tally, queue, docs.

``main(argv) -> int`` owns its arguments (the Django management command only delegates).
``--json`` prints exactly one JSON object; otherwise a readable table. MODALITY is a preset
name or the path of a rule file. Exit codes: 0 done, 1 problems found (``check``, stale
``docs --check``), 2 bad usage or input.
"""

from __future__ import annotations

import argparse
import sys

from roundtable.modalities.cli_io import UsageError
from roundtable.modalities.cli_meeting import cmd_queue, cmd_tally
from roundtable.modalities.cli_rules import (
    cmd_check,
    cmd_compare,
    cmd_docs,
    cmd_explain,
    cmd_list,
    cmd_matrix,
)


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
