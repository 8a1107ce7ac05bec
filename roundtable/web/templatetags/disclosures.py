"""Statements on file (GNSO Statement of Interest, IETF Note Well) beside a person's words."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def on_file_for(mapping: dict[int, list[tuple[str, Any]]], user_id: int) -> list[tuple[str, Any]]:
    """The (kind in words, statement) pairs of one person, from `statements_beside`."""
    return mapping.get(user_id, []) if mapping else []
