from django.urls import path

from . import views

app_name = "contributions"

urlpatterns = [
    path("calls/<int:pk>/", views.call_page, name="call"),
    path("calls/<int:call_id>/close/", views.close_call, name="close_call"),
    path("calls/<int:call_id>/extend/", views.extend_call, name="extend_call"),
    path("contributions/<int:pk>/", views.contribution_page, name="contribution"),
    path(
        "contributions/<int:pk>/attachments/<int:attachment>/",
        views.attachment,
        name="attachment",
    ),
    path("contributions/<int:pk>/comments/", views.comment, name="comment"),
    path("contributions/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("contributions/<int:pk>/hide/", views.hide, name="hide"),
    path("venues/<slug:venue>/<slug:process>/calls/new/", views.open_call, name="open_call"),
]
