from django.apps import AppConfig


class PermissionsConfig(AppConfig):
    name = "roundtable.permissions"
    label = "permissions"

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the start-up checks)
