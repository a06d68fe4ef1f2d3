"""How the public pages name an edition: its title, a short label, and each page's <title>.

A Vietnamese page shows the decision's own title ("Chỉ số cải cách hành chính năm 2023 của các
Sở, Ban, ngành…"). An English page cannot translate that sentence, so it writes the title from
the facts: "PAR index 2023 — Quảng Nam province" (the place marked as Vietnamese). Every page
title is unique on the site: the edition's authority and index and year, and, for an amending
decision, its number (the original keeps the plain title).
"""

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from scoring.periods import period_label
from scoring.vocabulary import english, html_format, shown, shown_text, vietnamese


def _english():
    return (get_language() or "vi").split("-")[0] != "vi"


def label(edition):
    """ "Chỉ số CCHC 2023" (a period and an amending decision's number added): an edition among its authority's."""
    text = f"{edition.index.display_short_name} {edition.year}"
    if edition.period_start is not None:  # a period by its dates, which read the same in every language
        whole_year = (edition.period_start.timetuple()[1:3], edition.period_end.timetuple()[1:3]) == ((1, 1), (12, 31))
        if not whole_year:
            text += f" · {period_label(edition.period_start, edition.period_end)}"
    elif edition.period:
        text += f" · {edition.period}"
    decision = getattr(edition, "decision", None) if edition.supersedes_id else None
    if decision is not None:
        text += " · " + _("decision %(number)s") % {"number": decision.number}
    return text


def _place(edition):
    """The authority's place as a `Phrase` ("Quảng Nam province", "Tiên Phước district"), or None."""
    name = edition.authority_name
    words = name.split()
    if words and words[0].upper() == "UBND":
        found = english(" ".join(words[1:]), "place")
        if found is not None:
            return found
    return None


def heading_html(edition):
    """The edition's title as HTML: the decision's title on a Vietnamese page, one written from the facts on an English one."""
    if not _english():
        return edition.title
    place = _place(edition)
    return html_format("%(label)s — %(place)s", label=label(edition),
                       place=place.html() if place else vietnamese(edition.authority_name))  # fmt: skip


def heading_text(edition):
    if not _english():
        return edition.title
    place = _place(edition)
    return f"{label(edition)} — {place.text() if place else edition.authority_name}"


def authority_text(edition):
    return shown_text(edition.authority_name, "authority")


def announcement_title(edition):
    """The announcement's <title>: "Chỉ số CCHC 2023 — UBND tỉnh Quảng Nam"."""
    return f"{label(edition)} — {authority_text(edition)}"


def period_text(edition):
    """ "Kỳ 15/3 – 14/6/2024, số liệu đến 14/6/2024 (Cổng Dịch vụ công quốc gia)": how an index reported by period
    says where its figures stand, where a decision would be named."""
    return _("Period %(period)s, figures as of %(date)s (%(source)s)") % {
        "period": edition.period, "date": edition.as_of.strftime("%d/%m/%Y"), "source": edition.source}  # fmt: skip


def citation(edition, url):
    """How to cite a page, as HTML (what stays Vietnamese marked): "UBND tỉnh Quảng Nam (2023). <title>.
    Quyết định số 2649/QĐ-UBND ngày 12/12/2023. <url>"."""
    decision = getattr(edition, "decision", None)
    told = ""
    if decision is not None:
        told = html_format(_("Decision No. %(number)s of %(date)s."), number=vietnamese(decision.number),
                           date=decision.date.strftime("%d/%m/%Y"))  # fmt: skip
    elif edition.period_start is not None:
        told = html_format(_("Period %(period)s, figures as of %(date)s (%(source)s)") + ".",
                           period=vietnamese(edition.period), date=edition.as_of.strftime("%d/%m/%Y"),
                           source=vietnamese(edition.source))  # fmt: skip
    return html_format(
        "%(authority)s (%(year)s). %(title)s. %(decision)s %(url)s",
        authority=shown(edition.authority_name, "authority"),
        year=edition.year,
        title=heading_html(edition),
        decision=told,
        url=url,
    )
