from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from roundtable.demo.archive import MMWG_LIST, load_mmwg_list, load_seed_archive
from roundtable.demo.cwg import load_cwg
from roundtable.demo.world import ACTOR, DEMO_PASSWORD, load_demo
from roundtable.permissions.door import require_command


class Command(BaseCommand):
    help = "Load the demo world (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        require_command(right="administer", modality="platform")
        try:
            created = load_demo()
        except ValidationError as exc:
            # The loader adds to what is there; data of an earlier demo can contradict it.
            raise CommandError(
                "This database holds data the demo cannot extend: "
                f"{' '.join(exc.messages)} Nothing was added (the load is one transaction)."
            ) from None
        self.stdout.write(
            f"Demo data ready ({created['venues']} venues, {created['processes']} processes, "
            f"{created['participants']} participants and {created['contributions']} "
            "contributions added this run)."
        )
        cwg = load_cwg()
        self.stdout.write(
            f"ITU CWG-Internet: {cwg['processes']} process, {cwg['documents']} documents and "
            f"{cwg['contributions']} contributions added this run."
        )
        load_mmwg_list(actor=ACTOR)
        archive = load_seed_archive(actor=ACTOR)
        if archive is not None:
            self.stdout.write(
                f"Founding thread in the {MMWG_LIST} archive: {archive.stored} stored, "
                f"{archive.duplicates} already there."
            )
        self.stdout.write(
            "Sign in as any demo participant, e.g. chair@example.org (the WTPF chair), "
            "gnso-chair@example.org or bertrand@example.org, with the password "
            f"{DEMO_PASSWORD!r} (in development mode the sign-in page lists them all)."
        )
        self.stdout.write(
            "Stock-taking: /venues/itu/wtpf/report/ (and report.pdf), the EU AI Act "
            "consultation's balance at /venues/eu/ai-act/balance/, the IGF's 2007 at "
            "/venues/igf/years/2007/report/."
        )
