"""The founding thread in the MMWG list archive, when the shared seed folder is at hand.

The seed lives outside the repository (`../shared/seed/`), read in place; a checkout without
it simply has an empty MMWG archive. Importing again stores nothing new (duplicates).
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

from roundtable.lists.actions import ImportResult, do_import_archive

MMWG_LIST = "mmwg@wsis-cs.org"


def seed_dir() -> Path:
    return (Path(settings.REPO_DIR) / ".." / "shared" / "seed").resolve()


def load_seed_archive(*, actor: str) -> ImportResult | None:
    seeds = sorted(str(p) for p in seed_dir().glob("*.txt"))
    if not seeds:
        return None
    return do_import_archive(actor=actor, list_address=MMWG_LIST, paths=seeds, workers=1)
