from django.urls import path

from . import views
from .exports import views as exports

app_name = "timeline"

urlpatterns = [
    path("", views.index, name="index"),
    path("events/<slug:slug>/", views.event_detail, name="event_detail"),
    path("actors/<slug:slug>/", views.actor_detail, name="actor_detail"),
    path("sources/<int:pk>/", views.source_detail, name="source_detail"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("events.json", exports.events_json, name="events_json"),
    path("events.csv", exports.events_csv, name="events_csv"),
    path("events.ics", exports.events_ics, name="events_ics"),
    path("events.atom", exports.events_atom, name="events_atom"),
    path("events.timelinejs.json", exports.events_timelinejs, name="events_timelinejs"),
]
