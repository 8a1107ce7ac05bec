from django.urls import path

from . import disclosure_views, refusal_views, views

app_name = "decisions"

urlpatterns = [
    path("documents/<int:pk>/adoption/", views.open_adoption, name="open"),
    path("adoptions/<int:pk>/", views.adoption, name="adoption"),
    path("outcomes/<int:pk>/", views.outcome, name="outcome"),
    path(
        "accreditations/<int:pk>/appeals/",
        refusal_views.refusal_appeals_page,
        name="refusal-appeals",
    ),
    path("venues/<slug:venue>/<slug:process>/outcomes/", views.summary, name="summary"),
    path("follow-up/<slug:venue>/", views.tracker, name="tracker"),
    path(
        "venues/<slug:venue>/<slug:process>/statements/",
        disclosure_views.disclosures_page,
        name="disclosures",
    ),
]
