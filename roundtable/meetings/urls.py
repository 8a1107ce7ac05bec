from django.urls import path

from . import attendance_views, views

app_name = "meetings"

urlpatterns = [
    path("meetings/<int:pk>/", views.meeting_page, name="meeting"),
    path("meetings/<int:pk>.ics", views.meeting_calendar, name="meeting_ics"),
    path("meetings/<int:pk>/queue/", views.queue_page, name="queue"),
    path("meetings/<int:pk>/queue/now/", views.queue_fragment, name="fragment"),
    path("meetings/<int:pk>/events/", views.queue_events, name="events"),
    path("meetings/<int:pk>/register/", views.register, name="register"),
    path("meetings/<int:pk>/ask/", views.ask, name="ask"),
    path("meetings/<int:pk>/minutes/", views.minutes, name="minutes"),
    path("meetings/<int:pk>/chair/", views.chair, name="chair"),
    path(
        "meetings/<int:pk>/attendance/",
        attendance_views.record_attendance,
        name="attendance",
    ),
    path("floor-requests/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("venues/<slug:venue>/meetings.ics", views.venue_calendar, name="venue_ics"),
    path("venues/<slug:venue>/<slug:process>/meetings/", views.process_meetings, name="list"),
]
