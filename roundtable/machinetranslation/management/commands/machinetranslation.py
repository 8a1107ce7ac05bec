"""`roundtable machinetranslation on|off|status VENUE`, `roundtable machinetranslation languages`.

`on`/`off` go through the same action and door as the secretariat (the operator's standing);
`languages` asks the configured service what it translates (`GET /languages`): a way to see
that ROUNDTABLE_MT_URL and the key work before turning a venue on.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from roundtable.permissions.actor import Actor
from roundtable.venues.models import Venue

from ... import providers
from ...actions import check_set_machine_translation
from ...queries import is_on_at


class Command(BaseCommand):
    help = "Turn machine translation on or off at a venue, or list the service's languages."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["on", "off", "status", "languages"])
        parser.add_argument("venue", nargs="?", help="the venue's slug (on, off, status)")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "languages":
            provider = providers.configured()
            if not isinstance(provider, providers.LibreTranslate):
                raise CommandError("No machine translation service: set ROUNDTABLE_MT_URL.")
            try:
                self.stdout.write(" ".join(provider.languages()))
            except providers.ProviderError as error:
                raise CommandError(str(error)) from None
            return
        venue = Venue.objects.filter(slug=options["venue"] or "").first()
        if venue is None:
            raise CommandError(f"No venue {options['venue']!r}.")
        if action in ("on", "off"):
            check_set_machine_translation(
                actor=Actor.operator("command:machinetranslation"),
                venue=venue,
                enabled=action == "on",
            )
        configured = providers.configured() is not None
        state = "on" if is_on_at(venue) else "off"
        self.stdout.write(
            f"{venue.slug}: {state}" + ("" if configured else " (no service configured)")
        )
