"""Files small enough to read in one sitting: no module of the package over about 400 lines.

Migrations are generated and excluded. A file that grows past the limit is split by meaning
(see docs/ARCHITECTURE or the house style), never into a grab-bag.
"""

from __future__ import annotations

from pathlib import Path

import roundtable

LIMIT = 420
PACKAGE = Path(roundtable.__file__).parent


def test_no_module_is_longer_than_a_sitting() -> None:
    too_long = {
        str(path.relative_to(PACKAGE.parent)): count
        for path in sorted(PACKAGE.rglob("*.py"))
        if "migrations" not in path.parts
        and (count := len(path.read_text(encoding="utf-8").splitlines())) > LIMIT
    }
    assert not too_long, f"split these by meaning (limit {LIMIT} lines): {too_long}"
