"""RSS and Atom feeds of new decisions, sitemap.xml and robots.txt."""

import pytest

from tests.factories import make_edition

pytestmark = pytest.mark.django_db


def test_the_feeds_list_published_decisions(client, seeds):
    make_edition(slug="nhap-2023", authority="UBND tỉnh Bí Mật")
    rss = client.get("/feeds/rss/").content.decode()
    atom = client.get("/feeds/atom/").content.decode()
    for feed in (rss, atom):
        assert "2649/QĐ-UBND" in feed
        assert "/cong-bo/quang-nam-2023-cchc/" in feed
        assert "Bí Mật" not in feed


def test_the_sitemap_lists_public_pages_only(client, seeds):
    index = client.get("/sitemap.xml").content.decode()
    assert "sitemap-announcements.xml" in index
    make_edition(slug="nhap-2024")
    announcements = client.get("/sitemap-announcements.xml").content.decode()
    assert "/cong-bo/quang-nam-2023-cchc/" in announcements
    assert "nhap-2024" not in announcements
    units = client.get("/sitemap-units.xml").content.decode()
    assert "/cong-bo/tien-phuoc-2022-cchc/don-vi/TIEN-CHAU/" in units


def test_robots_points_to_the_sitemap(client):
    robots = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in robots
    assert "Sitemap: http://testserver/sitemap.xml" in robots
