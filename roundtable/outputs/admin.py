"""Read-only admin: every write goes through the actions (and the web pages or API that call
them), so the audit trail stays complete. Every app's admin classes derive from this one."""

from __future__ import annotations

from typing import Any

from django.contrib import admin


# ModelAdmin is generic only in django-stubs: subscripting it fails at run time (no django-stubs-ext).
class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False
