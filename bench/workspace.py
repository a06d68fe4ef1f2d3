"""The coordinator's pages and jobs at the size of a province, timed (server time, in-process).

    .venv/bin/python bench/workspace.py                       # SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test .venv/bin/python bench/workspace.py

Prints, for an edition of 130 units × 100 criteria in self-assessment:

1. the progress dashboard (aim: under 300 ms) and its CSV;
2. the decision drafted for signature, DOCX with every unit in its appendices (aim: under 2 s);
3. `send_reminders` for 3,000 reporters who are all behind, e-mails to Django's in-memory outbox
   (aim: under 10 s), then the same run again (it must send nothing);
4. in appraisal, with every group assigned to one of ten departments (two appraisers each): a
   department appraiser's score sheet GET (aim: under 150 ms) and a save of one score (aim: under
   100 ms), both medians; the dashboard again, with its twenty appraisers.

It asserts nothing.
"""

import time

from common import setup_django, timed
from setup import make_source


def main():
    url = setup_django("parindex_bench_workspace")
    print(f"database: {url.split('@')[-1]}")
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core import mail
    from django.test import Client

    from scoring import setup
    from scoring.cycle import ANYONE
    from scoring.writes import take_step
    from workspace.models import Role
    from workspace.reminders import send_reminders
    from workspace.roles import grant

    settings.STORAGES = {**settings.STORAGES,
                         "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # fmt: skip
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    source = make_source()
    edition = setup.copy_edition(source=source, year=2026)
    take_step(edition=edition, action="open_self_assessment", user=None, roles=ANYONE)
    User = get_user_model()
    user = User.objects.create_user("bench-coordinator")
    grant(username=user.username, kind="coordinator", authority_slug=edition.authority.slug)
    client = Client()
    client.force_login(user)
    seconds, response = timed(lambda: client.get(f"/quan-ly/{edition.slug}/tien-do/"), 5)
    print(f"dashboard, 130 units × 100 criteria: {seconds * 1000:.0f} ms (status {response.status_code})")
    seconds, response = timed(lambda: client.get(f"/quan-ly/{edition.slug}/tien-do/?tai=csv"), 5)
    print(f"dashboard as CSV: {seconds * 1000:.0f} ms")
    seconds, response = timed(lambda: client.get(f"/quan-ly/{edition.slug}/du-thao-quyet-dinh.docx"), 3)
    print(f"decision DOCX, 130 units: {seconds * 1000:.0f} ms, {len(response.content) / 1024:.0f} KB")

    codes = list(edition.units.values_list("code", flat=True))
    users = User.objects.bulk_create(
        [User(username=f"bao-{k:04d}", email=f"bao-{k:04d}@example.gov.vn") for k in range(3000)]
    )
    Role.objects.bulk_create(
        [Role(user=u, kind=Role.Kind.REPORTER, authority=edition.authority, unit_code=codes[k % len(codes)])
         for k, u in enumerate(users)]
    )  # fmt: skip
    started = time.perf_counter()
    made, sent, failed = send_reminders()
    first = time.perf_counter() - started
    print(f"send_reminders, 3,000 reporters behind: {first:.2f} s ({made} recorded, {sent} sent, {failed} failed, "
          f"outbox {len(mail.outbox)})")  # fmt: skip
    started = time.perf_counter()
    again = send_reminders()
    print(f"send_reminders again: {time.perf_counter() - started:.2f} s, {again}")

    # Appraisal, shared out: every group to one of ten departments, two appraisers each.
    from scoring.models import Criterion, Score
    from scoring.writes import assign

    take_step(edition=edition, action="start_appraisal", user=None, roles=ANYONE)
    departments = list(edition.units.order_by("position")[:10])
    appraisers = []
    for k, department in enumerate(departments):
        for j in range(2):
            appraiser = User.objects.create_user(f"tham-{k}-{j}")
            grant(username=appraiser.username, kind="appraiser", authority_slug=edition.authority.slug,
                  unit_code=department.code)  # fmt: skip
            appraisers.append(appraiser)
    groups = list(Criterion.objects.filter(criteria_set__edition=edition, depth=0).order_by("position"))
    for k, group in enumerate(groups):
        assign(edition=edition, criterion=group, user=user, department=departments[k % len(departments)])
    print(f"appraisal shared out: {len(groups)} groups to {len(departments)} departments, {len(appraisers)} appraisers")
    appraiser_client = Client()
    appraiser_client.force_login(appraisers[0])
    unit = edition.units.order_by("position").last()
    sheet = f"/quan-ly/{edition.slug}/don-vi/{unit.code}/"
    seconds, response = timed(lambda: appraiser_client.get(sheet), 7)
    fields = response.content.decode().count('data-field="points"')
    print(f"score sheet GET, a department's appraiser: {seconds * 1000:.0f} ms (status {response.status_code}, "
          f"{fields} appraised scores editable)")  # fmt: skip
    target = Score.objects.filter(unit=unit, criterion__group=groups[0]).select_related("criterion").first()
    values = iter(["0", str(target.criterion.max_points)] * 10)
    form = {}

    def before():
        target.refresh_from_db()
        shown = "" if target.points is None else str(target.points)
        form.clear()
        form.update({f"s{target.pk}-points": next(values), f"initial-s{target.pk}-points": shown,
                     f"s{target.pk}-version": target.version})  # fmt: skip

    seconds, response = timed(lambda: appraiser_client.post(sheet, form), 7, before=before)
    print(f"score sheet save of one score: {seconds * 1000:.0f} ms (status {response.status_code})")
    seconds, response = timed(lambda: client.get(f"/quan-ly/{edition.slug}/tien-do/"), 5)
    print(f"dashboard with {len(appraisers)} appraisers: {seconds * 1000:.0f} ms (status {response.status_code})")


if __name__ == "__main__":
    main()
