"""The open-data API, outside the language prefix: /api/v1/…"""

from django.urls import path, re_path

from publications import api

app_name = "api"

urlpatterns = [
    path("editions/", api.editions, name="editions"),
    path("editions/<slug:slug>/", api.edition, name="edition"),
    path("editions/<slug:slug>/blocks/<str:code>/", api.block, name="block"),
    path("editions/<slug:slug>/units/<str:code>/", api.unit, name="unit"),
    path("editions/<slug:slug>/nation/", api.nation, name="nation"),
    path("across/", api.across, name="across"),
    path("openapi.json", api.openapi, name="openapi"),
    re_path(r"^(?P<rest>.*)$", api.unknown),  # last: a JSON 404 for everything else
]
