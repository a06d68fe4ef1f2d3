"""Reminders: when a step opens and before its deadline, to whoever still has something to do; never twice; a mail
server that is down loses nothing."""

import datetime
import io
import smtplib

import pytest
from django.core import mail
from django.core.management import call_command

from scoring.cycle import ANYONE
from scoring.models import Score
from scoring.writes import take_step
from tests.factories import make_edition
from workspace.models import Deadline, Notification
from workspace.reminders import send_reminders
from workspace.roles import grant

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_(django_user_model):
    edition = make_edition({"A": {"1.1": "5", "1.2": "3", "2": "8"}, "B": {"1.1": "4", "1.2": "3", "2": "6"}})
    for name, unit in (("bao-a", "A"), ("bao-b", "B")):
        django_user_model.objects.create_user(name, email=f"{name}@example.gov.vn")
        grant(username=name, kind="reporter", authority_slug=edition.authority.slug, unit_code=unit)
    take_step(edition=edition, action="open_self_assessment", user=None, roles=ANYONE)
    Score.objects.filter(unit__code="A").update(self_points=1)  # A is done; B is not
    Deadline.objects.create(edition=edition, status="self_assessment", due=datetime.date(2026, 12, 15))
    return edition


def test_the_step_opening_and_the_deadline_reach_only_who_is_behind_once(round_):
    made, sent, failed = send_reminders(today=datetime.date(2026, 12, 1))
    assert (made, sent, failed) == (1, 1, 0)
    assert [m.to for m in mail.outbox] == [["bao-b@example.gov.vn"]]
    assert "Tự đánh giá" in mail.outbox[0].subject and "Hạn: 15/12/2026" in mail.outbox[0].body
    assert "Đơn vị B" in mail.outbox[0].body
    # Run again every hour: nothing twice.
    assert send_reminders(today=datetime.date(2026, 12, 1)) == (0, 0, 0)
    # Three days before, then one day before.
    assert send_reminders(today=datetime.date(2026, 12, 12))[:2] == (1, 1)
    assert "3 ngày nữa đến hạn 15/12/2026" in mail.outbox[-1].subject
    assert send_reminders(today=datetime.date(2026, 12, 14))[:2] == (1, 1)
    assert send_reminders(today=datetime.date(2026, 12, 14)) == (0, 0, 0)
    assert len(mail.outbox) == 3


def test_a_mail_server_down_loses_nothing_and_the_next_run_sends(round_, settings, monkeypatch):
    def down(*args, **kwargs):
        raise smtplib.SMTPConnectError(421, "down")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", down)
    assert send_reminders(today=datetime.date(2026, 12, 1)) == (1, 0, 1)
    assert Notification.objects.get().sent_at is None
    monkeypatch.undo()
    assert send_reminders(today=datetime.date(2026, 12, 1)) == (0, 1, 0)
    assert len(mail.outbox) == 1


def test_a_run_killed_half_way_sends_nothing_twice(round_):
    from workspace import reminders

    reminders.plan(today=datetime.date(2026, 12, 12))  # recorded, then the run died before sending
    assert Notification.objects.filter(sent_at__isnull=True).count() == 2
    assert send_reminders(today=datetime.date(2026, 12, 12)) == (0, 2, 0)
    assert send_reminders(today=datetime.date(2026, 12, 12)) == (0, 0, 0)
    assert len(mail.outbox) == 2


def test_the_command_and_the_workspace_list(client, round_, django_user_model):
    out = io.StringIO()
    call_command("send_reminders", stdout=out)
    assert "e-mail" in out.getvalue()
    client.force_login(django_user_model.objects.get(username="bao-b"))
    html = client.get("/quan-ly/thong-bao/").content.decode()
    assert "Tự đánh giá" in html and f'href="/quan-ly/{round_.slug}/"' in html
