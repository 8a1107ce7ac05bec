from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "roundtable.web"
    label = "web"

    def ready(self) -> None:
        from roundtable.outputs.parts import register_part
        from roundtable.web.my_processes import me_part

        # The account page's "my processes", which joins accounts and processes.
        register_part("stakeholders:me", me_part)
