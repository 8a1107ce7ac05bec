from django.urls import path

from . import views

app_name = "campaigns"

urlpatterns = [
    path("calls/<int:pk>/campaigns/", views.call_campaigns, name="call"),
    path("calls/<int:pk>/campaigns/group/", views.group_again, name="group_again"),
    path("contributions/<int:pk>/campaign/", views.campaign_page, name="campaign"),
    path("contributions/<int:pk>/campaign/split/", views.split, name="split"),
    path("contributions/<int:pk>/campaign/merge/", views.merge, name="merge"),
]
