"""The open-data API, outside the language prefix: /api/v1/… (operations and document: `publications.api`)."""

from django.urls import re_path

from publications import api

app_name = "api"

urlpatterns = [
    *api.urlpatterns(),
    re_path(r"^(?P<rest>.*)$", api.unknown),  # last: a JSON 404 for everything else
]
