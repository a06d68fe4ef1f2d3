"""`manage.py grant`: give and take back roles from the command line."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.factories import make_edition
from workspace.models import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting(django_user_model):
    make_edition({"SNV": {"1.1": "1"}})
    return django_user_model.objects.create_user("lan", password="a-long-password-1")


def run(*args):
    out = io.StringIO()
    call_command("grant", *args, stdout=out)
    return out.getvalue()


def test_it_grants_and_revokes_a_role(setting):
    assert "lan" in run("lan", "appraiser", "--authority", "ubnd-tinh-thu-nghiem")
    role = Role.objects.get()
    assert (role.kind, role.authority.slug, role.unit_code) == ("appraiser", "ubnd-tinh-thu-nghiem", "")
    run("lan", "appraiser", "--authority", "ubnd-tinh-thu-nghiem", "--revoke")
    assert not Role.objects.exists()


def test_a_reporter_is_tied_to_a_unit(setting):
    run("lan", "reporter", "--authority", "ubnd-tinh-thu-nghiem", "--unit", "SNV")
    assert Role.objects.get().unit_code == "SNV"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nobody", "appraiser", "--authority", "ubnd-tinh-thu-nghiem"], "nobody"),
        (["lan", "king", "--authority", "ubnd-tinh-thu-nghiem"], "king"),
        (["lan", "appraiser", "--authority", "ubnd-tinh-khong-co"], "ubnd-tinh-khong-co"),
        (["lan", "reporter", "--authority", "ubnd-tinh-thu-nghiem"], "--unit"),
        (["lan", "reporter", "--authority", "ubnd-tinh-thu-nghiem", "--unit", "XYZ"], "XYZ"),
        (["lan", "approver", "--authority", "ubnd-tinh-thu-nghiem", "--unit", "SNV"], "đơn vị"),
    ],
)
def test_it_refuses_bad_requests_clearly(setting, args, message):
    with pytest.raises(CommandError, match=message):
        run(*args)
    assert not Role.objects.exists()
