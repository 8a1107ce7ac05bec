"""The `roundtable` console script: Django's management commands with the right settings.

`roundtable migrate`, `roundtable runserver`, `roundtable modalities ...`, `roundtable audit
verify`, and every command a later app adds.
"""

from __future__ import annotations

import os
import sys

from roundtable.analysis.campaigns.cli import main as campaigns_main


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["campaigns"]:
        # A file in, a file out, no settings or database: starting Django would add 1.5-2 s
        # to each run (docs/campaigns.md). `manage.py campaigns` still goes through Django.
        sys.exit(campaigns_main(args[1:]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "roundtable.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["roundtable", *args])


if __name__ == "__main__":
    main()
