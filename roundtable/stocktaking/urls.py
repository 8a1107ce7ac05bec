from django.urls import path

from . import views

app_name = "stocktaking"

urlpatterns = [
    path("venues/<slug:venue>/<slug:process>/balance/", views.process_balance, name="balance"),
    path(
        "venues/<slug:venue>/years/<int:year>/balance/",
        views.venue_year_balance,
        name="venue_year_balance",
    ),
    path("venues/<slug:venue>/<slug:process>/report/", views.process_report, name="report"),
    path(
        "venues/<slug:venue>/<slug:process>/report.pdf",
        views.process_report_pdf,
        name="report_pdf",
    ),
    path(
        "venues/<slug:venue>/years/<int:year>/report/",
        views.venue_year_report,
        name="venue_year_report",
    ),
    path(
        "venues/<slug:venue>/years/<int:year>/report.pdf",
        views.venue_year_report_pdf,
        name="venue_year_report_pdf",
    ),
]
