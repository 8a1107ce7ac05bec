"""The site's routes plus /__bare__/: a view that renders a one-line template through the same
middleware, the reference every key page is measured against."""

from django.http import HttpRequest, HttpResponse
from django.template import engines
from django.urls import path

from roundtable.urls import urlpatterns as site

BARE = engines["django"].from_string("<!doctype html><title>{{ title }}</title><p>{{ title }}</p>")


def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse(BARE.render({"title": "bare"}, request))


urlpatterns = [path("__bare__/", bare), *site]
