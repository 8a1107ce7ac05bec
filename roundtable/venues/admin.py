from __future__ import annotations

from django.contrib import admin

from roundtable.outputs.admin import ReadOnlyAdmin

from .models import Venue


@admin.register(Venue)
class VenueAdmin(ReadOnlyAdmin):
    list_display = ["slug", "name", "default_modality"]
