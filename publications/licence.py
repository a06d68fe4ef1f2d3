"""The licence of the published data: one statement, read by the open-data page, the API and the downloads."""

from django.utils.translation import gettext_lazy as _

NAME = "CC BY 4.0"
SPDX = "CC-BY-4.0"
URL = "https://creativecommons.org/licenses/by/4.0/deed.vi"
STATEMENT = _(
    "The published results are open data under the Creative Commons Attribution 4.0 licence (CC BY 4.0): "
    "anyone may copy, share and reuse them, also commercially, naming the source: the authority and the "
    "number of its decision."
)
