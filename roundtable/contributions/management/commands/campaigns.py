"""`roundtable campaigns ...`: campaign grouping (issue 17) as a management command.

All arguments go to `roundtable.analysis.campaigns.cli.main`, whose argparse owns them.
"""

from __future__ import annotations

from roundtable.analysis.campaigns.cli import main
from roundtable.permissions.management.pure_cli import PureCliCommand


class Command(PureCliCommand):
    help = (
        "Campaigns (form letters and their near copies): `roundtable campaigns group INPUT.jsonl "
        "--out GROUPS.json`. Run `roundtable campaigns --help` for the options."
    )
    name = "campaigns"
    main = staticmethod(main)
