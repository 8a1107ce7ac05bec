from django.contrib import admin
from django.urls import include, path

from roundtable.api.api import api
from roundtable.web import views as web_views

urlpatterns = [
    path("", web_views.home, name="home"),
    path("healthz", web_views.healthz, name="healthz"),
    path("search/", web_views.search, name="search"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("", include("roundtable.stakeholders.urls")),
    path("", include("roundtable.coalitions.urls")),  # before venues/<venue>/<process>/
    path("", include("roundtable.processes.urls")),
    path("", include("roundtable.contributions.urls")),
    path("", include("roundtable.drafting.urls")),
    path("", include("roundtable.decisions.urls")),
    path("", include("roundtable.meetings.urls")),
    path("", include("roundtable.agreement.urls")),
    path("", include("roundtable.stocktaking.urls")),
    path("", include("roundtable.campaigns.urls")),
    path("", include("roundtable.translations.urls")),
    path("", include("roundtable.machinetranslation.urls")),
    path("lists/", include("roundtable.lists.urls")),
]

handler400 = "roundtable.web.views.bad_request"
