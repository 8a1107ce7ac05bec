from django.urls import path

from . import member_views, unsubscribe_views, views

app_name = "lists"

urlpatterns = [
    path("", views.index, name="index"),
    path("search/", views.search_page, name="search_all"),
    path("confirm/<str:token>/", member_views.confirm, name="confirm"),
    path("<slug:slug>/", views.list_page, name="list"),
    path("<slug:slug>/search/", views.search_page, name="search"),
    path("<slug:slug>/import-progress/", views.import_progress, name="import_progress"),
    path("<slug:slug>/<int:year>/<int:month>/", views.month_page, name="month"),
    path("<slug:slug>/t/<str:key>/", views.thread_page, name="thread"),
    path("<slug:slug>/m/<str:key>/", views.message_page, name="message"),
    path("<slug:slug>/m/<str:key>/raw/", views.message_raw, name="message_raw"),
    path("<slug:slug>/m/<str:key>/a/<int:number>/", views.attachment, name="attachment"),
    path("<slug:slug>/author/<str:address>/", views.author_page, name="author"),
    path("<slug:slug>/join/", member_views.join, name="join"),
    path("<slug:slug>/members/", member_views.members, name="members"),
    path("<slug:slug>/moderation/", member_views.queue, name="queue"),
    path("<slug:slug>/moderation/<int:pk>/", member_views.moderate, name="moderate"),
    path(
        "<slug:slug>/unsubscribe/<str:token>/",
        unsubscribe_views.unsubscribe,
        name="unsubscribe",
    ),
]
