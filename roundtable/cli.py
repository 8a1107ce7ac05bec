"""The `roundtable` console script: Django's management commands with the right settings.

`roundtable migrate`, `roundtable runserver`, `roundtable modalities ...`, `roundtable audit
verify`, and every command a later app adds.
"""

from __future__ import annotations

import importlib
import os
import sys

#: Commands that run without Django, each the module whose `main(argv) -> int` owns its
#: arguments. They are loaded by name for their own command only: the campaigns CLI imports
#: numpy and rich (and Dask with --scheduler), which `roundtable worker`, `migrate` and every
#: other command should not pay at start-up (docs/campaigns.md, "Start-up").
STANDALONE = {"campaigns": "roundtable.analysis.campaigns.cli"}


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    if args[:1] and args[0] in STANDALONE:
        # A file in, a file out, no settings or database: starting Django would add 1.5-2 s
        # to each run (docs/campaigns.md). `manage.py campaigns` still goes through Django.
        sys.exit(importlib.import_module(STANDALONE[args[0]]).main(args[1:]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "roundtable.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["roundtable", *args])


if __name__ == "__main__":
    main()
