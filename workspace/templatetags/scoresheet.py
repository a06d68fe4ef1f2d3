"""Template filters of the score sheet: its fields by score, written without the widget templates."""

from django import template
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import mark_safe

from workspace.scoresheet import FIELDS

register = template.Library()


@register.filter
def field_of(form, score):
    """The bound fields of one score in a score-sheet form: {"points": BoundField or None, …}."""
    if score is None or not hasattr(form, "bound"):
        return {}
    fields = {name: form.bound(score, name) for name in FIELDS}
    version = f"s{score.pk}-version"
    fields["version"] = form[version] if version in form.fields else None
    return fields


@register.filter
def getitem(mapping, key):
    """mapping[key], or None."""
    try:
        return mapping[key]
    except (KeyError, TypeError, IndexError):
        return None


@register.filter
def field_html(bound):
    """Render a score-sheet field and its hidden initial value without the widget templates.

    A score sheet has hundreds of fields; Django renders each widget through a template, which
    is most of the page's cost. These are plain inputs whose HTML is simple to write directly.
    """
    if bound is None:
        return ""
    field, widget = bound.field, bound.field.widget
    attrs = {**widget.attrs, "id": bound.auto_id}
    extra = format_html_join("", ' {}="{}"', ((k, v) for k, v in attrs.items() if v not in (None, False)))
    name = bound.html_name
    kind = widget.input_type if hasattr(widget, "input_type") else widget.__class__.__name__.lower()
    if kind == "checkbox":
        checked = " checked" if bound.value() else ""
        html = format_html('<input type="checkbox" name="{}"{}{}>', name, extra, mark_safe(checked))
        initial = "True" if bound.initial else "False"
    elif kind == "textarea":
        value = bound.value()
        html = format_html('<textarea name="{}"{}>\n{}</textarea>', name, extra, "" if value is None else value)
        initial = bound.initial or ""
    elif kind == "hidden":
        return format_html('<input type="hidden" name="{}" value="{}"{}>', name, bound.value(), extra)
    else:
        value = bound.value()
        value = field.prepare_value(value) if value is not None else ""
        html = format_html('<input type="text" name="{}" value="{}"{}>', name, value, extra)
        initial = field.prepare_value(bound.initial) if bound.initial is not None else ""
    if field.show_hidden_initial:
        html += format_html(
            '<input type="hidden" name="{}" value="{}" id="initial-{}">',
            bound.html_initial_name,
            initial,
            bound.auto_id,
        )
    return mark_safe(conditional_escape(html))
