"""The workspace's forms: a file to upload, a decision to publish, survey percentages to enter.

The score sheet, which is built from a unit's criteria tree, has a module of its own
(`workspace.scoresheet`). Values are checked by the domain's rules (`scoring.points`).
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from scoring.points import PointsRefused, read_percent
from scoring.text import no_control_characters


class FileForm(forms.Form):
    """One file: an evidence file, an Excel workbook or an edition file (each page checks what it is)."""

    file = forms.FileField(label="")


class PublishForm(forms.Form):
    """The decision that publishes an edition. Its signed PDF is checked when publishing (`scoring.writes`)."""

    number = forms.CharField(label="", max_length=100, validators=[no_control_characters])
    date = forms.DateField(
        label="", input_formats=["%Y-%m-%d", "%d/%m/%Y"], widget=forms.DateInput(attrs={"type": "date"})
    )
    signer = forms.CharField(label="", max_length=200, required=False, validators=[no_control_characters])
    title = forms.CharField(
        label="", max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2}),
        validators=[no_control_characters],
    )  # fmt: skip
    signed_pdf = forms.FileField(label="", required=False)


class PercentField(forms.CharField):
    """A survey's result for a unit: a percentage from 0 to 100, written "92", "92,5" or "92%"."""

    def to_python(self, value):
        text = super().to_python(value)
        if text in self.empty_values:
            return None
        try:
            return read_percent(text)
        except PointsRefused as refused:
            raise forms.ValidationError(refused.message, code=refused.code) from None


def survey_form(scores, data=None):
    """Return a form with a percentage field for each score that is assessed (named u{score id})."""
    fields = {
        f"u{score.pk}": PercentField(
            required=False,
            label=_("%(unit)s, percentage") % {"unit": score.unit.name},
            widget=forms.TextInput(attrs={"inputmode": "decimal", "size": "7", "autocomplete": "off"}),
        )
        for score in scores
        if not score.not_assessed
    }
    return type("SurveyForm", (forms.Form,), fields)(data)
