"""`roundtable modalities ...`: the modalities CLI as a management command.

All arguments go to `roundtable.modalities.cli.main`, whose argparse owns them.
"""

from __future__ import annotations

from roundtable.modalities.cli import main

from ..pure_cli import PureCliCommand


class Command(PureCliCommand):
    help = (
        "Participation rules (modalities): list, check, explain, matrix, compare, tally, queue, "
        "docs. Run `roundtable modalities --help` for the subcommands."
    )
    name = "modalities"
    main = staticmethod(main)
