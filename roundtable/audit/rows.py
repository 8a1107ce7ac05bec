"""The rows events describe: reading them as plain values to digest and compare."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models

from .chain import row_digest

# Columns that change without an action, by design, and so are left out of a row's digest.
UNAUDITED_COLUMNS = frozenset({"last_login", "last_used_at"})


def _columns(model: type[models.Model]) -> list[str]:
    return sorted(
        field.attname
        for field in model._meta.concrete_fields
        if field.attname not in UNAUDITED_COLUMNS and not getattr(field, "auto_now", False)
    )


def digest_of(target: models.Model | None) -> str:
    """The digest of the target's row as stored now; "" when there is no stored row."""
    if target is None or target.pk is None:
        return ""
    model = type(target)
    columns = _columns(model)
    row = model._base_manager.filter(pk=target.pk).values(*columns).first()
    return row_digest(row) if row is not None else ""


# Models that moved to another app keep their table, but their label changed: events recorded
# before the move name them by the old label ("app_label.model", as in `target_type` and
# `row_type`). Old label -> the label the model has now.
MOVED_MODELS = {
    "processes.venue": "venues.venue",
    "stakeholders.venuerole": "venues.venuerole",
}


def current_label(label: str) -> str:
    """The label a model named `label` in an event has now (`label` itself unless it moved)."""
    return MOVED_MODELS.get(label.lower(), label)


def labels_of(model: type[models.Model]) -> list[str]:
    """Every label events may name `model` by: its own and those it had before a move."""
    own = model._meta.label_lower
    return [own, *(old for old, new in MOVED_MODELS.items() if new == own)]


def model_for(target_type: str) -> type[models.Model] | None:
    """The model an event's `target_type` (or `row_type`) names, old labels included."""
    try:
        return apps.get_model(current_label(target_type))
    except (LookupError, ValueError):
        return None


def current_digests(model: type[models.Model], ids: Iterable[str]) -> dict[str, str]:
    """{target_id: digest} for the rows of `model` that still exist among `ids`."""
    columns = _columns(model)
    pk_name = model._meta.pk.attname if model._meta.pk is not None else "id"
    found: dict[str, str] = {}
    wanted = list(ids)
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        keys: list[Any] = []
        for key in chunk:
            try:
                keys.append(model._meta.pk.to_python(key) if model._meta.pk else key)
            except ValidationError:  # a malformed id simply matches no row
                continue
        for row in model._base_manager.filter(pk__in=keys).values(*columns):
            found[str(row[pk_name])] = row_digest(row)
    return found
