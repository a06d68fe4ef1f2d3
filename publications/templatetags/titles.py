"""Template tags naming an edition on the public pages (`publications.titles`)."""

from django import template

from publications import titles

register = template.Library()


@register.filter
def edition_heading(edition):
    return titles.heading_html(edition)


@register.filter
def edition_heading_text(edition):
    return titles.heading_text(edition)


@register.filter
def edition_label(edition):
    return titles.label(edition)
