"""The `roundtable` console script: Django's management commands with the right settings.

`roundtable migrate`, `roundtable runserver`, `roundtable modalities ...`, `roundtable audit
verify`, and every command a later app adds.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "roundtable.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["roundtable", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
