"""Security: login rate limiting, password rules, CSRF, Content-Security-Policy, cookies, immutable trail."""

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.test import Client

from scoring.models import EditionEvent, Score

pytestmark = pytest.mark.django_db


def test_failed_logins_lock_the_address_out(django_user_model):
    django_user_model.objects.create_user("lan", password="the-right-password-1")
    client = Client()
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post("/quan-ly/dang-nhap/", {"username": "lan", "password": "wrong"})
        assert response.status_code == 200
        assert "Đăng nhập" in response.content.decode()
    assert client.post("/quan-ly/dang-nhap/", {"username": "lan", "password": "wrong"}).status_code == 429
    response = client.post("/quan-ly/dang-nhap/", {"username": "lan", "password": "the-right-password-1"})
    assert response.status_code == 429
    assert "Đăng nhập sai quá nhiều lần" in response.content.decode()


def test_a_good_login_reaches_the_workspace(django_user_model):
    django_user_model.objects.create_user("lan", password="the-right-password-1")
    client = Client()
    response = client.post("/quan-ly/dang-nhap/", {"username": "lan", "password": "the-right-password-1"})
    assert response.status_code == 302
    assert client.get("/quan-ly/").status_code == 200


def test_passwords_are_checked_by_djangos_validators():
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        validate_password("123456")
    validate_password("a-much-better-passphrase-2025")


def test_forms_need_a_csrf_token(personas):
    client = Client(enforce_csrf_checks=True)
    client.force_login(personas.users["appraiser"])
    assert client.post("/quan-ly/thu-2023/buoc/open_self_assessment/").status_code == 403


def test_every_page_sends_a_strict_content_security_policy(client, seeds):
    policy = client.get("/cong-bo/quang-nam-2023-cchc/")["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "default-src 'self'" in policy
    assert "unsafe-inline" not in policy.split("style-src-attr")[0]
    assert "frame-ancestors 'none'" in policy


def test_cookies_are_secure_in_production_settings():
    import subprocess
    import sys

    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='parindex.settings'; django.setup();"
        "from django.conf import settings as s; print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY)"
    )
    env = {"SECRET_KEY": "x" * 50, "DEBUG": "0", "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
    assert out.split() == ["True", "True", "True"]


def test_the_score_history_cannot_be_changed_or_deleted(personas):
    score = Score.objects.filter(unit__edition=personas.edition).first()
    score.points = 1
    score.save()
    record = Score.history.filter(id=score.pk).first()
    record.points = 2
    with pytest.raises(PermissionDenied):
        record.save()
    with pytest.raises(PermissionDenied):
        record.delete()
    with pytest.raises(PermissionDenied):
        Score.history.filter(id=score.pk).update(points=3)
    with pytest.raises(PermissionDenied):
        Score.history.all().delete()


def test_cycle_events_cannot_be_changed_or_deleted_and_outlive_a_replaced_draft(personas):
    event = EditionEvent.objects.create(edition=personas.edition, action="approve")
    with pytest.raises(PermissionDenied):
        event.save()
    with pytest.raises(PermissionDenied):
        event.delete()
    with pytest.raises(PermissionDenied):
        EditionEvent.objects.update(remark="x")
    with pytest.raises(PermissionDenied):
        EditionEvent.objects.all().delete()
    from tests.factories import make_edition

    make_edition(slug="thu-2023")  # the draft is replaced by a new import
    assert EditionEvent.objects.filter(pk=event.pk, edition_slug="thu-2023").exists()
