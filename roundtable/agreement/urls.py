from django.urls import path

from . import views

app_name = "agreement"

urlpatterns = [
    path("calls/<int:pk>/agreement/", views.call_agreement, name="call"),
    path("outcomes/<int:pk>/agreement/", views.outcome_agreement, name="outcome"),
]
