from django.urls import path

from . import views

app_name = "machinetranslation"

urlpatterns = [
    # Four segments: never taken for a process page (venues/<venue>/<process>/).
    path("venues/<slug:venue>/settings/machine-translation/", views.switch, name="switch"),
]
