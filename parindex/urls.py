"""URL wiring of the portal."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.views.generic import TemplateView

from publications.feeds import AtomDecisionsFeed, DecisionsFeed
from publications.sitemaps import SITEMAPS

handler404 = "parindex.errors.page_not_found"

urlpatterns = [
    path("api/v1/", include("publications.api_urls")),
    path("sitemap.xml", sitemap_views.index, {"sitemaps": SITEMAPS}, name="sitemap-index"),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path("robots.txt", TemplateView.as_view(template_name="robots.txt", content_type="text/plain"), name="robots"),
    path("admin/", admin.site.urls),
    path("quan-ly/", include("workspace.urls")),
]

urlpatterns += i18n_patterns(
    # The feeds in each language: /feeds/rss/ in Vietnamese, /en/feeds/rss/ in English.
    path("feeds/rss/", DecisionsFeed(), name="feed-rss"),
    path("feeds/atom/", AtomDecisionsFeed(), name="feed-atom"),
    path("", include("publications.urls")),
    prefix_default_language=False,
)
