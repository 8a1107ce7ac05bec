"""The site's URLs plus one view that fails, to see what a person gets on a server error."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from roundtable.urls import urlpatterns as site


def boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a bug")


urlpatterns = [path("boom/", boom), *site]
