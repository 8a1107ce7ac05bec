from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "roundtable.web"
    label = "web"
