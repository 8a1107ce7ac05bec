"""Read-only admin: every write goes through the actions (and the web pages or API that call
them), so the audit trail stays complete."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import admin

from .models import Phase, Process, Venue

if TYPE_CHECKING:
    # django-stubs makes ModelAdmin generic; at run time it is not subscriptable.
    ModelAdmin = admin.ModelAdmin[Any]
else:
    ModelAdmin = admin.ModelAdmin


class ReadOnlyAdmin(ModelAdmin):
    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(Venue)
class VenueAdmin(ReadOnlyAdmin):
    list_display = ["slug", "name", "default_modality"]


@admin.register(Process)
class ProcessAdmin(ReadOnlyAdmin):
    list_display = ["title", "venue", "modality"]
    list_select_related = ["venue"]


@admin.register(Phase)
class PhaseAdmin(ReadOnlyAdmin):
    list_display = ["title", "process", "kind", "starts_on", "ends_on", "tentative"]
    list_select_related = ["process"]
