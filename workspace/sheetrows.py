"""The rows of a score sheet, written as HTML in Python.

A 100-criterion sheet has some 700 cells and 500 fields; through the template engine (and
Django's widget templates) they were most of the page's cost. The same markup, written here
directly, takes a few milliseconds. Every value is escaped (`html.escape`, quotes included: the
same characters as Django's `escape`, without its lazy-text wrapper, which is most of its cost here).
"""

from html import escape as _escape

from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from scoring.models import Evidence
from scoring.numbers import trimmed


def escape(value):
    return _escape(str(value), quote=True)


def input_html(bound):
    """A score-sheet field and its hidden initial value (`show_hidden_initial`), as HTML."""
    if bound is None:
        return ""
    field, widget = bound.field, bound.field.widget
    attrs = {**widget.attrs, "id": bound.auto_id}
    extra = "".join(f' {key}="{escape(value)}"' for key, value in attrs.items() if value not in (None, False))
    name = escape(bound.html_name)
    kind = getattr(widget, "input_type", None) or widget.__class__.__name__.lower()
    if kind == "checkbox":
        html = f'<input type="checkbox" name="{name}"{extra}{" checked" if bound.value() else ""}>'
        initial = "True" if bound.initial else "False"
    elif kind == "textarea":
        value = bound.value()
        html = f'<textarea name="{name}"{extra}>\n{escape("" if value is None else value)}</textarea>'
        initial = bound.initial or ""
    elif kind == "hidden":
        return f'<input type="hidden" name="{name}" value="{escape(bound.value())}"{extra}>'
    else:
        value = bound.value()
        value = field.prepare_value(value) if value is not None else ""
        html = f'<input type="text" name="{name}" value="{escape(value)}"{extra}>'
        initial = field.prepare_value(bound.initial) if bound.initial is not None else ""
    if field.show_hidden_initial:
        html += (
            f'<input type="hidden" name="{escape(bound.html_initial_name)}" value="{escape(initial)}" '
            f'id="initial-{escape(bound.auto_id)}">'
        )
    return html


def _files_of(rows):
    """{score id: [Evidence]} of the sheet's scores, in the order they were added. One query."""
    found = {}
    scores = [row.score.pk for row in rows if row.score is not None]
    for item in Evidence.objects.filter(score_id__in=scores).only("pk", "score_id", "original_name", "uploaded_at"):
        found.setdefault(item.score_id, []).append(item)
    return found


def _errors(bound):
    return "".join(
        f'<span class="field-error" id="{escape(bound.auto_id)}-error">{escape(message)}</span>'
        for message in bound.errors
    )


def rows_html(rows, *, form, edition, unit, fields, column, show_appraisal):
    """The <tr> of every criterion of the sheet, as the page shows them to this person now."""
    evidence_url = reverse("workspace:evidence", args=[edition.slug, unit.code, "CODE"]).replace("CODE", "{}")
    file_url = reverse("workspace:evidence_file", args=[0]).replace("/0/", "/{}/")
    remove_url = reverse("workspace:evidence_remove", args=[0]).replace("/0/", "/{}/")
    can_attach = "evidence" in fields
    evidence = _files_of(rows)
    na, survey = escape(_("N/A")), escape(_("survey"))
    take = _("Take the self-assessed score %(value)s for %(code)s")
    out = []
    for row in rows:
        c, s = row.criterion, row.score
        code, name = escape(c.code), escape(c.name)
        if row.is_group:
            title = (
                f'<button type="button" class="fold" aria-expanded="true" data-fold="{c.pk}">{name}</button>'
                if c.depth == 0
                else f"<strong>{name}</strong>"
            )
            subtotal = f'<output class="subtotal" data-group="{c.pk}"></output>' if c.depth == 0 else ""
            cells = [
                f'<th scope="row" class="code">{code}</th><td class="criterion">{title}</td>'
                f'<td class="num">{trimmed(c.max_points)}</td>',
                f'<td class="num">{subtotal if column == "self_points" else ""}</td>',
            ]
            if show_appraisal:
                cells.append(f'<td class="num">{subtotal if column == "points" else ""}</td><td></td><td></td>')
            cells.append("<td></td><td></td>")
            out.append(f'<tr class="group-row depth-{c.depth}" data-group="{c.group_id}">{"".join(cells)}</tr>')
            continue
        f = form.fields_of(s) if s is not None else {}
        differs = (
            show_appraisal and s is not None and not s.not_assessed and s.self_points is not None
            and s.points != s.self_points
        )  # fmt: skip
        classes = "leaf differs" if differs else "leaf"
        cells = [
            f'<th scope="row" class="code">{code}</th>',
            f'<td class="criterion">{name}'
            + (f' <span class="muted">({survey})</span>' if c.source == "survey" else "")
            + _guidance(c)
            + "</td>",
            f'<td class="num" data-max="{c.max_points}">{trimmed(c.max_points)}</td>',
        ]
        if f.get("self_points"):
            self_cell = input_html(f["self_points"]) + _errors(f["self_points"])
        elif s is not None and s.not_assessed:
            self_cell = f'<span class="muted">{na}</span>'
        else:
            self_cell = f'<span class="self-value">{trimmed(s.self_points if s else None)}</span>'
        cells.append(f'<td class="num self">{self_cell}</td>')
        if show_appraisal:
            if f.get("points"):
                appraised = input_html(f["points"]) + _errors(f["points"])
                if differs:  # "take this value": the self-assessed score, one click (workspace.js)
                    value = trimmed(s.self_points)
                    appraised += (f'<button type="button" class="take" hidden data-value="{value}" '
                                  f'aria-label="{escape(take % {"value": value, "code": c.code})}">← {value}</button>')  # fmt: skip
            else:
                appraised = f'<span class="points-value">{trimmed(s.points if s else None)}</span>'
            cells.append(f'<td class="num appraised">{appraised}</td>')
            box = input_html(f.get("not_assessed")) if f.get("not_assessed") else (na if s and s.not_assessed else "")
            cells.append(f'<td class="na">{box}</td>')
            note = input_html(f["note"]) if f.get("note") else escape(s.note if s else "")
            cells.append(f'<td class="text">{note}</td>')
        explanation = input_html(f["explanation"]) if f.get("explanation") else escape(s.explanation if s else "")
        cells.append(f'<td class="text">{explanation}</td>')
        files = evidence.get(s.pk, []) if s is not None else []
        items = "".join(
            f"<li{' data-remove=' + chr(34) + remove_url.format(item.pk) + chr(34) if can_attach else ''}>"
            f'<a href="{file_url.format(item.pk)}">{escape(item.original_name)}</a></li>'
            for item in files
        )
        count = escape(ngettext("%(n)s file", "%(n)s files", len(files)) % {"n": len(files)})
        url = escape(evidence_url.format(c.code))
        cells.append(
            f'<td class="evidence" data-evidence="{url}"{" data-can-attach=" + chr(34) + "1" + chr(34) if can_attach else ""}>'
            f'<ul class="files">{items}</ul><a class="manage" href="{url}">{count}</a>'
            f"{input_html(f.get('version'))}</td>"
        )
        na_attribute = ' data-na="1"' if s is not None and s.not_assessed else ""
        out.append(f'<tr data-group="{c.group_id}" class="{classes}"{na_attribute}>{"".join(cells)}</tr>')
    return mark_safe("".join(out))


def _guidance(criterion):
    """How points are given and the evidence required, folded under the criterion's name (set by the coordinator)."""
    if not criterion.guidance and not criterion.evidence:
        return ""
    how, needed, summary = _("How points are given"), _("Evidence required"), _("Guidance")
    parts = []
    if criterion.guidance:
        parts.append(f"<p><strong>{escape(how)}:</strong> {escape(criterion.guidance)}</p>")
    if criterion.evidence:
        parts.append(f"<p><strong>{escape(needed)}:</strong> {escape(criterion.evidence)}</p>")
    return f'<details class="guidance"><summary>{escape(summary)}</summary>{"".join(parts)}</details>'
