"""Demo accounts, one per role, on the demo data's authority (printed by `make run`)."""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from scoring.cycle import ANYONE
from scoring.models import Edition
from scoring.writes import take_step
from workspace.models import Role

PASSWORD = "parindex-demo-2025"
ACCOUNTS = [
    ("baocao", "Nguyễn Văn Báo Cáo", Role.Kind.REPORTER),
    ("thamdinh", "Trần Thị Thẩm Định", Role.Kind.APPRAISER),
    ("pheduyet", "Lê Văn Phê Duyệt", Role.Kind.APPROVER),
    ("congbo", "Phạm Thị Công Bố", Role.Kind.PUBLISHER),
    ("dieuphoi", "Đỗ Văn Điều Phối", Role.Kind.COORDINATOR),
    ("truongdonvi", "Hoàng Văn Trưởng", Role.Kind.UNIT_HEAD),
]


def create_demo_accounts():
    """Create the demo accounts and the admin; open self-assessment of the newest demo draft. Return lines."""
    draft = (
        Edition.objects.filter(status__in=[Edition.Status.DRAFT, Edition.Status.SELF_ASSESSMENT])
        .filter(authority__name__endswith="(mô phỏng)")
        .order_by("-year", "authority__name")
        .first()
    )
    if draft is None:
        return ["(no demo draft: run generate_demo first)"]
    authority = draft.authority
    unit = draft.units.order_by("position").first()
    User = get_user_model()
    lines = [f"Workspace: /quan-ly/ — {authority.name}, {draft.title}"]
    for username, name, kind in ACCOUNTS:
        user, created = User.objects.get_or_create(username=username)
        first, _space, last = name.rpartition(" ")
        if created:
            user.first_name, user.last_name = first, last
            user.set_password(PASSWORD)
            user.save()
        Role.objects.get_or_create(
            user=user,
            kind=kind,
            authority=authority,
            unit_code=unit.code if kind in (Role.Kind.REPORTER, Role.Kind.UNIT_HEAD) else "",
        )
        suffix = f" ({unit.name})" if kind in (Role.Kind.REPORTER, Role.Kind.UNIT_HEAD) else ""
        lines.append(f"  {username} / {PASSWORD}: {Role.Kind(kind).label}{suffix}")
    admin, created = User.objects.get_or_create(username="quantri", defaults={"is_staff": True, "is_superuser": True})
    if created:
        admin.set_password(PASSWORD)
        admin.save()
    lines.append(f"  quantri / {PASSWORD}: administrator (/admin/)")
    if draft.status == Edition.Status.DRAFT:
        take_step(
            edition=draft, action="open_self_assessment", user=None, roles=ANYONE, remark=_("demo accounts created")
        )
    return lines
