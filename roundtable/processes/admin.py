"""Read-only admin: every write goes through the actions (and the web pages or API that call
them), so the audit trail stays complete."""

from __future__ import annotations

from django.contrib import admin

from roundtable.outputs.admin import ReadOnlyAdmin

from .models import Phase, Process


@admin.register(Process)
class ProcessAdmin(ReadOnlyAdmin):
    list_display = ["title", "venue", "modality"]
    list_select_related = ["venue"]


@admin.register(Phase)
class PhaseAdmin(ReadOnlyAdmin):
    list_display = ["title", "process", "kind", "starts_on", "ends_on", "tentative"]
    list_select_related = ["process"]
