from django.urls import path

from . import text_views, views

app_name = "translations"

urlpatterns = [
    path("documents/<int:pk>/languages/", views.languages, name="languages"),
    path("documents/<int:pk>/languages/set/", views.set_languages, name="set_languages"),
    path("documents/<int:pk>/languages/request/", views.request_translation, name="request"),
    path("documents/<int:pk>/languages/compare/", views.compare, name="compare"),
    path("documents/<int:pk>/languages/<str:language>/amend/", views.amend, name="amend"),
    path(
        "documents/<int:pk>/languages/compare/machine/",
        views.compare_machine,
        name="compare_machine",
    ),
    path("translations/<int:pk>/", views.work, name="work"),
    path("translations/<int:pk>/assign/", views.assign, name="assign"),
    path("translations/<int:pk>/review/", views.review, name="review"),
    path(
        "calls/<int:pk>/versions/<str:language>/",
        text_views.call_version,
        name="call_version",
    ),
    path(
        "contributions/<int:pk>/versions/<str:language>/",
        text_views.contribution_version,
        name="contribution_version",
    ),
    path("calls/<int:pk>/machine/", text_views.call_machine, name="call_machine"),
    path(
        "contributions/<int:pk>/machine/",
        text_views.contribution_machine,
        name="contribution_machine",
    ),
]
