"""Every public page, as search engines and browsers meet it: its own title, its canonical address, its
address in each language (absolute), a language switch that leads somewhere, and a clear answer to a POST."""

import re
from collections import defaultdict
from xml.etree import ElementTree

import pytest

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def _sitemap_paths(client):
    index = ElementTree.fromstring(client.get("/sitemap.xml").content)
    paths = []
    for sitemap in index.findall("s:sitemap/s:loc", NS):
        page = ElementTree.fromstring(client.get(sitemap.text.removeprefix("http://testserver")).content)
        paths += [loc.text.removeprefix("http://testserver") for loc in page.findall("s:url/s:loc", NS)]
    return paths


def _title(html):
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()


def _links(html):
    canonical = re.findall(r'<link rel="canonical" href="([^"]+)">', html)
    alternates = dict(
        (code, url) for code, url in re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html)
    )
    return canonical, alternates


@pytest.mark.slow
def test_every_page_of_the_sitemap_has_a_title_of_its_own_in_each_language_and_no_text_escaped_twice(client, seeds):
    paths = _sitemap_paths(client)
    assert len(paths) > 100
    for prefix in ("", "/en"):
        titles = defaultdict(list)
        for path in paths:
            response = client.get(prefix + path)
            assert response.status_code == 200, path
            html = response.content.decode()
            assert "&amp;#" not in html and "&amp;amp;" not in html, f"{prefix}{path}: text escaped twice"
            titles[_title(html)].append(path)
        shared = {title: pages for title, pages in titles.items() if len(pages) > 1}
        assert shared == {}, f"{len(shared)} titles shared ({prefix or 'vi'})"


def test_a_page_names_its_canonical_address_and_each_language_absolutely(client, seeds):
    html = client.get("/cong-bo/quang-nam-2023-cchc/?so-sort=-percent&huyen-sort=name").content.decode()
    canonical, alternates = _links(html)
    assert canonical == ["http://testserver/cong-bo/quang-nam-2023-cchc/"]  # the sort variants are one page
    assert alternates == {
        "vi": "http://testserver/cong-bo/quang-nam-2023-cchc/",
        "en": "http://testserver/en/cong-bo/quang-nam-2023-cchc/",
        "x-default": "http://testserver/cong-bo/quang-nam-2023-cchc/",
    }
    html = client.get("/en/tim-kiem/?q=hoi+an").content.decode()
    canonical, alternates = _links(html)
    assert canonical == ["http://testserver/en/tim-kiem/?q=hoi+an"]  # what is searched is the page
    assert alternates["vi"] == "http://testserver/tim-kiem/?q=hoi+an"


def test_on_a_missing_page_the_language_switch_leads_home(client, seeds):
    response = client.get("/cong-bo/khong-co/")
    assert response.status_code == 404
    html = response.content.decode()
    assert re.search(r'<a [^>]*href="/en/"[^>]*>English</a>', html)
    assert 'href="/en/cong-bo/khong-co/"' not in html
    response = client.get("/en/cong-bo/khong-co/")
    assert re.search(r'<a [^>]*href="/"[^>]*>Tiếng Việt</a>', response.content.decode())


@pytest.mark.parametrize(
    "path", ["/", "/cong-bo/quang-nam-2023-cchc/", "/cong-bo/quang-nam-2023-cchc/don-vi/SNV/", "/tim-kiem/"]
)
def test_a_post_to_a_public_page_is_told_plainly_that_the_page_only_reads(client, seeds, path):
    response = client.post(path, {"x": "1"})
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    html = response.content.decode()
    assert "<html" in html and 'lang="vi"' in html  # the portal's own page, in Vietnamese
    assert "CSRF" not in html and "Forbidden" not in html
