"""`{% also_in call %}` / `{% also_in contribution %}`: links to the whole-text language
versions of a call or a contribution, on its own page (which has passed its door).

`{% machine_reading call %}` / `{% machine_reading contribution %}`: for a reader whose interface
language is not the original's, a link to the person-made version in that language, or else,
where machine translation is offered to them (queries.offered_to: the venue's switch, a service,
the door), the "Machine-translate for reading" button. Nothing is requested here."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse
from django.utils.translation import get_language

from roundtable.contributions.models import CallForInput, Contribution
from roundtable.machinetranslation.queries import offered_to
from roundtable.translations.queries import (
    LANGUAGE_NAMES,
    TextVersion,
    call_versions,
    contribution_versions,
)

register = template.Library()


# Where the page's item keeps its versions: `also_in` and `machine_reading` both need them,
# and the page would otherwise read them twice.
VERSIONS_KEPT = "_text_versions"


def versions_of(item: CallForInput | Contribution) -> list[TextVersion]:
    """The item's whole-text versions, read once per item object (one page render)."""
    kept = getattr(item, VERSIONS_KEPT, None)
    if kept is None:
        if isinstance(item, CallForInput):
            kept = call_versions(item)
        else:
            kept = contribution_versions(item)
        setattr(item, VERSIONS_KEPT, kept)
    return list(kept)


@register.inclusion_tag("translations/_also_in.html")
def also_in(item: CallForInput | Contribution) -> dict[str, Any]:
    kind = "call" if isinstance(item, CallForInput) else "contribution"
    return {
        "versions": versions_of(item),
        "route": f"translations:{kind}_version",
        "pk": item.pk,
    }


@register.inclusion_tag("translations/_machine_offer.html", takes_context=True)
def machine_reading(context: template.Context, item: CallForInput | Contribution) -> dict[str, Any]:
    reader = get_language() or ""
    if isinstance(item, CallForInput):
        source, venue, kind = item.language, item.process.venue, "call"
    else:
        if item.status != Contribution.Status.PUBLISHED:
            return {}  # its page shows no text
        source, venue, kind = item.language, item.call.process.venue, "contribution"
    if reader == source or reader not in LANGUAGE_NAMES:
        return {}
    name = LANGUAGE_NAMES[reader]
    if any(v.language == reader for v in versions_of(item)):
        return {
            "human": reverse(f"translations:{kind}_version", args=[item.pk, reader]),
            "name": name,
        }
    if not offered_to(context["request"], venue):
        return {}
    return {
        "offer": reverse(f"translations:{kind}_machine", args=[item.pk]),
        "name": name,
        "csrf_token": context.get("csrf_token"),
    }
