"""Turning machine translation on at a venue, and asking for one.

The door decides who may (participation rules: `switch_machine_translation` for the venue's
secretariat, `request_machine_translation` for anyone signed in). Nothing leaves the server
unless the venue's switch is on and the deployment configured a provider: both are checked
before the provider is even built. Each text is sent once per (languages, provider): answers
are cached by the source text's hash, and a provider error stores nothing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from roundtable.audit.actions import record_event
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import require
from roundtable.permissions.standing import PARTICIPATION
from roundtable.venues.models import Venue

from . import providers
from .models import CachedTranslation, VenueSwitch
from .queries import is_on_at


@dataclass(frozen=True)
class MachineText:
    """One machine translation: never authentic, always shown labelled beside `original`."""

    text: str
    original: str
    source: str
    target: str
    provider: str
    machine: bool = True


class Unavailable(Exception):
    """Machine translation refused before any request: off, not configured, bad languages."""


def digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def check_set_machine_translation(*, actor: Actor, venue: Venue, enabled: bool) -> VenueSwitch:
    require(
        actor,
        right="switch_machine_translation",
        modality=PARTICIPATION,
        context={"venue": venue.slug},
    )
    return do_set_machine_translation(actor=actor, venue=venue, enabled=enabled)


def do_set_machine_translation(*, actor: Actor, venue: Venue, enabled: bool) -> VenueSwitch:
    with transaction.atomic():
        switch, _created = VenueSwitch.objects.update_or_create(
            venue=venue, defaults={"enabled": enabled, "changed_at": timezone.now()}
        )
        record_event(
            actor=actor,
            verb="machine_translation.switched",
            target=switch,
            summary={"venue": venue.slug, "enabled": enabled},
        )
        return switch


def _languages_or_refuse(source: str, target: str) -> None:
    known = {code for code, _name in settings.LANGUAGES}
    if source not in known or target not in known or source == target:
        raise Unavailable(_("Machine translation goes from one of the six languages to another."))


def machine_translate(
    *, actor: Actor, venue: Venue, texts: Sequence[str], source: str, target: str
) -> list[MachineText]:
    """`texts` from `source` into `target` (our language codes), in order, each labelled.

    Raises Denied (the door), Unavailable (off, no provider: no request made) or
    providers.ProviderError (the service failed: nothing stored)."""
    require(
        actor,
        right="request_machine_translation",
        modality=PARTICIPATION,
        context={"venue": venue.slug},
    )
    _languages_or_refuse(source, target)
    if not is_on_at(venue):
        raise Unavailable(_("Machine translation is off at this venue."))
    provider = providers.configured()
    if provider is None:
        raise Unavailable(_("No machine translation service is configured on this site."))
    hashes = [digest(t) for t in texts]
    cached = dict(
        CachedTranslation.objects.filter(
            source_hash__in=set(hashes),
            source=source,
            target=target,
            provider=provider.cache_key,
        ).values_list("source_hash", "text")
    )
    missing = {h: t for h, t in zip(hashes, texts, strict=True) if h not in cached}
    if missing:
        answers = provider.translate(list(missing.values()), source=source, target=target)
        now = timezone.now()
        # Stored only once the whole answer was read: a provider error raised above stores nothing.
        with transaction.atomic():
            CachedTranslation.objects.bulk_create(
                [
                    CachedTranslation(
                        source_hash=h,
                        source=source,
                        target=target,
                        provider=provider.cache_key,
                        text=answer,
                        created_at=now,
                    )
                    for h, answer in zip(missing, answers, strict=True)
                ],
                # Two readers asking at once both get an answer; the first stored stays.
                ignore_conflicts=True,
            )
            record_event(
                actor=actor,
                verb="machine_translation.fetched",
                target=venue,
                summary={
                    "source": source,
                    "target": target,
                    "provider": provider.cache_key,
                    "texts": len(missing),
                },
            )
        cached.update(zip(missing, answers, strict=True))
    return [
        MachineText(
            text=cached[h], original=t, source=source, target=target, provider=provider.name
        )
        for h, t in zip(hashes, texts, strict=True)
    ]
