import sys
from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from scoring.documents import EditionInvalid
from scoring.importing import import_edition
from scoring.management.base import ParindexCommand
from scoring.models import Score, Unit

MAX_MESSAGES = 200
MAX_BYTES = 50 * 1024 * 1024  # a national edition of 440,000 scores is about 25 MB


class Command(ParindexCommand):
    help = _(
        "Import an edition from a parindex-edition/1 JSON file, all or nothing. "
        "A draft edition with the same slug is replaced; a published one never is."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("the JSON file to import (- reads standard input)"))

    def handle(self, *args, file, **options):
        raw = _read(file)
        try:
            edition = import_edition(document=raw)
        except EditionInvalid as exc:
            lines = exc.lines()
            for line in lines[:MAX_MESSAGES]:
                self.stderr.write(line)
            if len(lines) > MAX_MESSAGES:
                self.stderr.write(_("… and %(n)s more problems") % {"n": len(lines) - MAX_MESSAGES})
            raise CommandError(
                _("%(file)s was refused (%(n)s problems); nothing was saved.") % {"file": file, "n": len(lines)}
            ) from None
        units = Unit.objects.filter(edition=edition).count()
        scores = Score.objects.filter(unit__edition=edition).count()
        self.stdout.write(
            _("Imported edition %(slug)s: %(blocks)s blocks, %(units)s units, %(scores)s scores.")
            % {"slug": edition.slug, "blocks": edition.blocks.count(), "units": units, "scores": scores}
        )


def _read(file):
    """Return the bytes of `file` (or of standard input for -), or fail with a clear message."""
    if file == "-":
        raw = sys.stdin.buffer.read(MAX_BYTES + 1)
        if len(raw) > MAX_BYTES:
            raise CommandError(_("standard input is larger than %(mb)s MB") % {"mb": MAX_BYTES // 1024 // 1024})
        return raw
    path = Path(file)
    try:
        if path.stat().st_size > MAX_BYTES:
            raise CommandError(
                _("%(file)s is larger than %(mb)s MB: an edition file is never that big.")
                % {"file": file, "mb": MAX_BYTES // 1024 // 1024}
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise CommandError(_("file not found: %(file)s") % {"file": file}) from None
    except IsADirectoryError:
        raise CommandError(_("%(file)s is a directory, not a file") % {"file": file}) from None
    except OSError as exc:
        raise CommandError(_("cannot read %(file)s: %(error)s") % {"file": file, "error": exc.strerror}) from None
