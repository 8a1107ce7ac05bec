from django.urls import path

from . import setup_views, views

app_name = "processes"

urlpatterns = [
    path("venues/new/", setup_views.new_venue, name="new_venue"),
    path("venues/<slug:venue>/processes/new/", setup_views.new_process, name="new_process"),
    path(
        "venues/<slug:venue>/rule-files/new/", setup_views.upload_rule_file, name="upload_rule_file"
    ),
    path("venues/<slug:venue>/roles/new/", setup_views.assign_role, name="assign_role"),
    path("calls/<int:call_id>/close/", setup_views.close_call, name="close_call"),
    path(
        "venues/<slug:venue>/<slug:process>/phases/<int:phase>/",
        setup_views.edit_phase,
        name="edit_phase",
    ),
    path(
        "venues/<slug:venue>/<slug:process>/phases/<int:phase>/close/",
        setup_views.close_phase,
        name="close_phase",
    ),
    path("venues/<slug:venue>/", views.venue_page, name="venue"),
    path("venues/<slug:venue>/<slug:process>/", views.process_page, name="process"),
    path("venues/<slug:venue>/<slug:process>/phases/add/", views.add_phase, name="add_phase"),
]
