from django.apps import AppConfig


class PermissionsConfig(AppConfig):
    name = "roundtable.permissions"
    label = "permissions"
