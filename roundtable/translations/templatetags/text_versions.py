"""`{% also_in call %}` / `{% also_in contribution %}`: links to the whole-text language
versions of a call or a contribution, on its own page (which has passed its door)."""

from __future__ import annotations

from typing import Any

from django import template

from roundtable.contributions.models import CallForInput, Contribution
from roundtable.translations.queries import call_versions, contribution_versions

register = template.Library()


@register.inclusion_tag("translations/_also_in.html")
def also_in(item: CallForInput | Contribution) -> dict[str, Any]:
    if isinstance(item, CallForInput):
        return {
            "versions": call_versions(item),
            "route": "translations:call_version",
            "pk": item.pk,
        }
    return {
        "versions": contribution_versions(item),
        "route": "translations:contribution_version",
        "pk": item.pk,
    }
