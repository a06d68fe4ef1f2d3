from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicationsConfig(AppConfig):
    name = "publications"
    verbose_name = _("Publications")

    def ready(self):
        from publications.caching import on_publication  # models are ready only now
        from scoring.signals import edition_published

        edition_published.connect(on_publication, dispatch_uid="publications.caching.on_publication")
