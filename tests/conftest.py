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
def fresh_cache(settings):
    """Each test starts with an empty cache (public pages are cached whole).

    Within a test, pages read the count of publications once, and again after a publication in
    the test (on commit), never because a second went by: query counts do not depend on timing.
    """
    settings.PUBLIC_CACHE_RECHECK_SECONDS = 3600
    from django.core.cache import cache

    from publications.caching import invalidate_public_pages

    cache.clear()
    invalidate_public_pages()
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
    """A logged-in member of the staff of "UBND tỉnh Thử Nghiệm", the factories' authority (may preview its drafts)."""
    from scoring.models import Authority
    from workspace.models import Role

    authority, _created = Authority.objects.get_or_create(
        slug="ubnd-tinh-thu-nghiem",
        defaults={"name": "UBND tỉnh Thử Nghiệm", "level": "province", "province": "Nghiệm"},
    )
    user = django_user_model.objects.create_user("canbo", password="a-long-password-1")
    Role.objects.create(user=user, kind=Role.Kind.APPRAISER, authority=authority)
    client.force_login(user)
    return client


class Personas:
    """The people of the permission tests, on a draft edition of "UBND tỉnh Thử Nghiệm" (units A and B).

    anonymous; reporter_x (unit A); reporter_y (unit B); appraiser; other_appraiser (another
    authority); approver; publisher; superuser.
    """

    NAMES = [
        "anonymous", "reporter_x", "reporter_y", "appraiser", "other_appraiser", "approver", "publisher", "superuser",
    ]  # fmt: skip

    def __init__(self, django_user_model):
        from tests.factories import make_edition
        from workspace.roles import grant

        self.edition = make_edition({"A": {"1.1": "5", "1.2": "3", "2": "8"}, "B": {"1.1": "4"}}, slug="thu-2023")
        self.other = make_edition({"Z": {"1.1": "1"}}, slug="khac-2023", authority="UBND tỉnh Khác")
        self.users = {"anonymous": None}
        for name in self.NAMES[1:]:
            self.users[name] = django_user_model.objects.create_user(
                name, password="a-long-password-1", first_name=name, is_superuser=name == "superuser",
                is_staff=name == "superuser",
            )  # fmt: skip
        mine, theirs = self.edition.authority.slug, self.other.authority.slug
        grant(username="reporter_x", kind="reporter", authority_slug=mine, unit_code="A")
        grant(username="reporter_y", kind="reporter", authority_slug=mine, unit_code="B")
        grant(username="appraiser", kind="appraiser", authority_slug=mine)
        grant(username="other_appraiser", kind="appraiser", authority_slug=theirs)
        grant(username="approver", kind="approver", authority_slug=mine)
        grant(username="publisher", kind="publisher", authority_slug=mine)

    def client(self, name):
        from django.test import Client

        client = Client()
        if self.users[name] is not None:
            client.force_login(self.users[name])
        return client

    def set_status(self, status):
        from scoring.models import Edition

        Edition.objects.filter(pk=self.edition.pk).update(status=status)
        self.edition.refresh_from_db()


@pytest.fixture
def personas(db, django_user_model):
    return Personas(django_user_model)


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    """Hash test passwords quickly (the real hasher is deliberately slow)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
