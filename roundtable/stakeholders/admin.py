from __future__ import annotations

from django.contrib import admin

from roundtable.outputs.admin import ReadOnlyAdmin

from .models import Accreditation, Delegation, Organisation, StakeholderGroup, VenueCategory


@admin.register(StakeholderGroup)
class StakeholderGroupAdmin(ReadOnlyAdmin):
    list_display = ["slug", "name", "position"]


@admin.register(VenueCategory)
class VenueCategoryAdmin(ReadOnlyAdmin):
    list_display = ["venue", "slug", "name", "group"]
    list_select_related = ["venue", "group"]


@admin.register(Organisation)
class OrganisationAdmin(ReadOnlyAdmin):
    list_display = ["name", "group", "ecosoc_status", "itu_sector_member"]
    list_select_related = ["group"]


@admin.register(Delegation)
class DelegationAdmin(ReadOnlyAdmin):
    list_display = ["name", "venue", "head"]
    list_select_related = ["venue", "head"]


@admin.register(Accreditation)
class AccreditationAdmin(ReadOnlyAdmin):
    list_display = ["user", "venue", "group", "status", "basis", "requested_at"]
    list_filter = ["status", "venue"]
    list_select_related = ["user", "venue", "group"]
