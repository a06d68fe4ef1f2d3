"""sitemap.xml: the home page, every published announcement, methodology, unit and authority page."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from scoring.models import Authority, Edition, Unit


class StaticSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return ["publications:home"]

    def location(self, item):
        return reverse(item)


class AnnouncementSitemap(Sitemap):
    changefreq = "yearly"

    def items(self):
        return Edition.objects.published().order_by("-published_at", "pk")

    def location(self, item):
        return reverse("publications:announcement", args=[item.slug])

    def lastmod(self, item):
        return item.published_at


class MethodologySitemap(AnnouncementSitemap):
    def location(self, item):
        return reverse("publications:methodology", args=[item.slug])


class UnitSitemap(Sitemap):
    changefreq = "yearly"
    limit = 10000

    def items(self):
        return (
            Unit.objects.filter(edition__status=Edition.Status.PUBLISHED)
            .select_related("edition")
            .only("code", "edition__slug", "edition__published_at")
            .order_by("edition_id", "position")
        )

    def location(self, item):
        return reverse("publications:unit", args=[item.edition.slug, item.code])

    def lastmod(self, item):
        return item.edition.published_at


class AuthoritySitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Authority.objects.filter(editions__status=Edition.Status.PUBLISHED).distinct().order_by("slug")

    def location(self, item):
        return reverse("publications:authority", args=[item.slug])


SITEMAPS = {
    "pages": StaticSitemap,
    "announcements": AnnouncementSitemap,
    "methodology": MethodologySitemap,
    "authorities": AuthoritySitemap,
    "units": UnitSitemap,
}
