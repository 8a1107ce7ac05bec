#!/usr/bin/env python
"""Same as the `roundtable` console script, for those who expect manage.py."""

from roundtable.cli import main

if __name__ == "__main__":
    main()
