from __future__ import annotations

from django.contrib import admin

from roundtable.outputs.admin import ReadOnlyAdmin

from .models import CallForInput, Contribution


@admin.register(CallForInput)
class CallForInputAdmin(ReadOnlyAdmin):
    list_display = ["title", "process", "opens_at", "closes_at"]
    list_select_related = ["process"]


@admin.register(Contribution)
class ContributionAdmin(ReadOnlyAdmin):
    list_display = ["title", "call", "author", "group", "status", "submitted_at"]
    list_filter = ["status"]
    list_select_related = ["call", "author", "group"]
