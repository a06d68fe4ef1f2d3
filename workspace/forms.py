"""The workspace's forms: a file to upload, a decision to publish, survey percentages to enter.

The score sheet, which is built from a unit's criteria tree, has a module of its own
(`workspace.scoresheet`). Values are checked by the domain's rules (`scoring.points`).
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from scoring.points import PointsRefused, format_vi, read_percent
from scoring.text import no_control_characters


class AccessibleForm(forms.Form):
    """A form whose invalid fields say so to screen readers: aria-invalid, and their message by id ({id}-error)."""

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs.update(
                    {"aria-invalid": "true", "aria-describedby": f"{self[name].auto_id}-error"}
                )


class FileForm(forms.Form):
    """One file: an evidence file, an Excel workbook or an edition file (each page checks what it is)."""

    file = forms.FileField(label="")


class PublishForm(AccessibleForm):
    """The decision that publishes an edition. Its signed PDF is checked when publishing (`scoring.writes`)."""

    number = forms.CharField(label=_("Decision number"), max_length=100, validators=[no_control_characters])
    date = forms.DateField(
        label=_("Date"), input_formats=["%Y-%m-%d", "%d/%m/%Y"], widget=forms.DateInput(attrs={"type": "date"})
    )
    signer = forms.CharField(label=_("Signed by"), max_length=200, required=False, validators=[no_control_characters])
    title = forms.CharField(
        label=_("Title of the decision"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2}),
        validators=[no_control_characters],
    )  # fmt: skip
    signed_pdf = forms.FileField(label=_("The signed decision (PDF)"), required=False)
    confirm = forms.BooleanField(
        label=_("I have checked the results and the decision: once published, the figures cannot be changed."),
        error_messages={"required": _("Tick the box to confirm: once published, the figures cannot be changed.")},
    )


class PeriodPublishForm(AccessibleForm):
    """The period that publishes an edition of an index reported by period (no decision): checked by `scoring.periods`."""

    period_start = forms.DateField(
        label=_("Period from"), input_formats=["%Y-%m-%d", "%d/%m/%Y"], widget=forms.DateInput(attrs={"type": "date"})
    )
    period_end = forms.DateField(
        label=_("Period to"), input_formats=["%Y-%m-%d", "%d/%m/%Y"], widget=forms.DateInput(attrs={"type": "date"})
    )
    as_of = forms.DateField(
        label=_("Figures as of (empty: the last day)"), required=False, input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        widget=forms.DateInput(attrs={"type": "date"}),
    )  # fmt: skip
    source = forms.CharField(
        label=_("Source of the figures"), max_length=300, validators=[no_control_characters],
        help_text=_("e.g. Cổng Dịch vụ công quốc gia"),
    )  # fmt: skip
    confirm = forms.BooleanField(
        label=_("I have checked the results and the period: once published, the figures cannot be changed."),
        error_messages={"required": _("Tick the box to confirm: once published, the figures cannot be changed.")},
    )


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
    """Return a form with a percentage field for each score that is assessed (named u{score id}).

    Each field shows the percentage saved before, and is labelled with its unit and criterion.
    """
    fields = {}
    for score in scores:
        if score.not_assessed:
            continue
        label = _("%(unit)s, criterion %(code)s, percentage") % {"unit": score.unit.name, "code": score.criterion.code}
        fields[f"u{score.pk}"] = PercentField(
            required=False,
            initial=format_vi(score.survey_percent) if score.survey_percent is not None else None,
            label=label,
            widget=forms.TextInput(
                attrs={"inputmode": "decimal", "size": "7", "autocomplete": "off", "aria-label": label}
            ),
        )
    return type("SurveyForm", (AccessibleForm,), fields)(data)
