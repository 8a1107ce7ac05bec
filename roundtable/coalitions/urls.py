from django.urls import path

from . import views

app_name = "coalitions"

base = "venues/<slug:venue>/coalitions/"
urlpatterns = [
    path(base, views.coalitions, name="list"),
    path(base + "new/", views.found_coalition, name="found"),
    path(base + "report-dates/", views.report_date, name="report_date"),
    path(base + "<slug:slug>/", views.coalition, name="coalition"),
    path(base + "<slug:slug>/review/", views.review, name="review"),
    path(base + "<slug:slug>/join/", views.join, name="join"),
    path(base + "<slug:slug>/leave/", views.leave, name="leave"),
    path(base + "<slug:slug>/report/", views.report, name="report"),
    path(base + "<slug:slug>/revive/", views.revive, name="revive"),
]
