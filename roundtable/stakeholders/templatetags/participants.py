"""`{% manage_participants_decision venue as decision %}`: may the viewer keep the venue's
organisations, delegations and categories (the door's decision, for links on other pages)."""

from __future__ import annotations

from typing import Any

from django import template

from roundtable.modalities.engine import Decision
from roundtable.permissions.door import decide
from roundtable.permissions.standing import PARTICIPATION

register = template.Library()


@register.simple_tag(takes_context=True)
def manage_participants_decision(context: dict[str, Any], venue: Any) -> Decision:
    return decide(
        context["request"],
        right="manage_participants",
        modality=PARTICIPATION,
        context={"venue": venue.slug},
    )
