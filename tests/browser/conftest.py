"""Browser tests: the portal served by gunicorn in production mode, driven in Debian's Chromium.

The portal runs in its own process on its own database (a SQLite file, or `parindex_browser` on the
PostgreSQL server DATABASE_URL names), with the seed decisions and a small simulated data set,
exactly as a deployment serves it (DEBUG off, whitenoise, compressed and hashed static files).
"""

import os
from pathlib import Path

import pytest

from tests.processes import Gunicorn, fresh_database_url, manage, portal_env

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
]
# `make screenshots` keeps them in docs/screenshots; a plain test run writes them to a temporary folder.
SCREENSHOTS = Path(os.environ.get("SCREENSHOTS_DIR") or Path(os.environ.get("TMPDIR", "/tmp")) / "parindex-screenshots")


@pytest.fixture(scope="session")
def portal(tmp_path_factory):
    """Start the portal under gunicorn; yield (base URL, environment, a function running manage.py)."""
    tmp = tmp_path_factory.mktemp("portal")
    env = portal_env(tmp, DATABASE_URL=fresh_database_url(tmp, "parindex_browser"), SECRET_KEY="browser-tests-only")

    def run(*args):
        manage(env, *args)

    run("migrate", "--noinput")
    run("collectstatic", "--noinput")
    run("load_seeds")
    run("load_seeds", "--national")
    run("generate_demo", "--authorities", "1", "--units-per-block", "6", "--years", "3")  # two published, one draft
    with Gunicorn(env, tmp) as server:
        yield server.url, env, run


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium, launched by Playwright (its own browser download does not work here)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium (make test does it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


class Watch:
    """What a page did that it should not: console errors, failed requests, requests leaving the site."""

    def __init__(self, page, base):
        self.errors, self.external = [], []
        page.on("console", lambda m: m.type == "error" and self.errors.append(f"{page.url}: {m.text}"))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("requestfailed", self._failed)
        page.on(
            "request",
            lambda r: None if r.url.startswith((base, "data:", "blob:")) else self.external.append(r.url),
        )

    def _failed(self, request):
        # ERR_ABORTED is Chromium cancelling a request the page no longer needs (a click navigated
        # away before the favicon came): not a failure of the portal. Anything else is.
        if request.failure != "net::ERR_ABORTED":
            self.errors.append(f"failed: {request.url} ({request.failure})")


@pytest.fixture
def open_page(chromium, portal):
    """Return a function that opens a new page (desktop or phone) and watches it."""
    base = portal[0]
    contexts = []

    def open_page(width=1280, height=900, *, locale="vi-VN", mobile=False):
        context = chromium.new_context(
            viewport={"width": width, "height": height},
            locale=locale,
            accept_downloads=True,
            is_mobile=mobile,
            has_touch=mobile,
            device_scale_factor=2 if mobile else 1,
        )
        contexts.append(context)
        page = context.new_page()
        page.watch = Watch(page, base)
        return page

    yield open_page
    for context in contexts:
        context.close()


def screenshot(page, name, *, full_page=True):
    """Keep a screenshot under docs/screenshots/ (looked at by a person, not compared by the test)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    if full_page:  # the lazy images (charts below the fold) load as a reader scrolls to them
        page.evaluate("""async () => {
            const images = [...document.querySelectorAll('img[loading=lazy]')];
            images.forEach(img => { img.loading = 'eager'; });
            await Promise.all(images.map(img => img.decode().catch(() => null)));
        }""")
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=full_page)
