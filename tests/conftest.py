"""Fixtures shared by the whole suite."""

import pytest
from django.conf import settings
from django.core.management import call_command


@pytest.fixture(scope="session", autouse=True)
def collected_static(tmp_path_factory):
    """Collect the static files once, as a production deployment does (hashed, compressed names)."""
    settings.STATIC_ROOT = tmp_path_factory.mktemp("staticfiles")
    call_command("collectstatic", interactive=False, verbosity=0)
    return settings.STATIC_ROOT


@pytest.fixture(autouse=True)
def fresh_cache():
    """Each test starts with an empty cache (public pages are cached whole)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def seeds(db):
    """The seed decisions, loaded and published as `load_seeds` does: {slug: edition}."""
    from scoring.models import Edition

    call_command("load_seeds", verbosity=0)
    return {e.slug: e for e in Edition.objects.select_related("authority", "index", "decision")}


@pytest.fixture
def staff_client(client, django_user_model):
    """A logged-in member of staff (may preview drafts)."""
    user = django_user_model.objects.create_user("canbo", password="a-long-password-1", is_staff=True)
    client.force_login(user)
    return client
