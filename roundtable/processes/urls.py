from django.urls import path

from . import views

app_name = "processes"

urlpatterns = [
    path("venues/<slug:venue>/", views.venue_page, name="venue"),
    path("venues/<slug:venue>/<slug:process>/", views.process_page, name="process"),
    path("venues/<slug:venue>/<slug:process>/phases/add/", views.add_phase, name="add_phase"),
]
