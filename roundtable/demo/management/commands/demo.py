from typing import Any

from django.core.management.base import BaseCommand

from roundtable.demo.world import load_world
from roundtable.permissions.door import require_command


class Command(BaseCommand):
    help = "Load the demo world (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        require_command(right="administer", modality="platform")
        created = load_world()
        self.stdout.write(
            f"Demo data ready ({created['venues']} venues and "
            f"{created['processes']} processes added this run)."
        )
