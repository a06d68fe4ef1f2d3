"""A unit's score sheet: the criteria tree with every score, as a form, and saving it without lost updates.

The form has a field per editable value (self-assessed score, appraised score, not assessed, remark,
explanation), each rendered with its initial value hidden beside it (`show_hidden_initial`), and
the version of each score. On save only what the user changed is written, through the domain's
one write of scores (`scoring.writes.set_scores`); if a score they changed was changed by someone
else since their page was loaded, nothing is saved and they are shown the newer values.
"""

from dataclasses import dataclass, field

from django import forms
from django.utils.translation import gettext as _

from scoring.models import Criterion, Score
from scoring.points import PointsFormField
from scoring.text import no_control_characters
from scoring.writes import SCORE_FIELDS, ScoreChange, reason, set_scores

FIELDS = SCORE_FIELDS


def field_name(score, attribute):
    return f"s{score.pk}-{attribute}"


@dataclass
class Row:
    criterion: Criterion
    score: Score | None = None
    children: list = field(default_factory=list)

    @property
    def is_group(self):
        return not self.criterion.is_leaf


def criteria_rows(unit):
    """Return the unit's criteria in tree order, each leaf with its score. Two queries (the sheet's files: `sheetrows`)."""
    criteria = list(Criterion.objects.filter(criteria_set_id=unit.block.criteria_set_id).order_by("position", "pk"))
    scores = {s.criterion_id: s for s in Score.objects.filter(unit=unit)}
    return [Row(c, scores.get(c.pk)) for c in criteria]


class ScoreSheetForm(forms.Form):
    """The editable values of one unit's scores. Built from the rows and the fields the user may edit."""

    def __init__(self, *args, rows, editable, touched_only=False, appraises=None, **kwargs):
        """`touched_only` (a save): fields only for the rows whose posted values differ from the ones the
        page showed, the others being unchanged by definition; `complete()` gives the whole form back.
        `appraises`: the ids of the criteria whose appraisal this person may set (None: every one)."""
        super().__init__(*args, **kwargs)
        self.rows = rows
        self.editable = editable
        self.appraises = appraises
        self.touched_only = touched_only and self.is_bound
        # A 100-criterion sheet has some 500 fields, made on every visit and every save: the labels
        # are translated once, and widgets are given as classes (an instance would be deep-copied).
        labels = {
            "self_points": _("Self-assessed score, %(criterion)s"),
            "points": _("Appraised score, %(criterion)s"),
            "not_assessed": _("Not assessed, %(criterion)s"),
            "note": _("Appraisal remark, %(criterion)s"),
            "explanation": _("Explanation, %(criterion)s"),
        }
        for row in rows:
            score = row.score
            if score is None or (self.touched_only and not self._touched(score)):
                continue
            maximum = row.criterion.max_points
            named = {"criterion": f"{row.criterion.code}. {row.criterion.name}"}
            appraised = appraises is None or row.criterion.pk in appraises
            if "self_points" in editable and not score.not_assessed:  # a criterion that does not apply takes none
                self.fields[field_name(score, "self_points")] = PointsFormField(
                    required=False, max_points=maximum, initial=score.self_points, show_hidden_initial=True,
                    label=labels["self_points"] % named,
                )  # fmt: skip
            if "points" in editable and appraised:
                self.fields[field_name(score, "points")] = PointsFormField(
                    required=False, max_points=maximum, initial=score.points, show_hidden_initial=True,
                    label=labels["points"] % named,
                )  # fmt: skip
            if "not_assessed" in editable and appraised:
                self.fields[field_name(score, "not_assessed")] = forms.BooleanField(
                    required=False, initial=score.not_assessed, show_hidden_initial=True,
                    label=labels["not_assessed"] % named,
                )  # fmt: skip
            for text in ("note", "explanation"):
                if text in editable and (text != "note" or appraised):
                    self.fields[field_name(score, text)] = forms.CharField(
                        required=False, initial=getattr(score, text), show_hidden_initial=True, max_length=5000,
                        validators=[no_control_characters], widget=forms.Textarea, label=labels[text] % named,
                    )  # fmt: skip
            self.fields[f"s{score.pk}-version"] = forms.IntegerField(
                initial=score.version, widget=forms.HiddenInput, required=True
            )
        for name, form_field in self.fields.items():
            if name.endswith("-version"):
                continue
            attribute = name.split("-", 1)[1]
            attrs = {"aria-label": form_field.label, "data-field": attribute}
            if attribute.endswith("points"):
                attrs.update({"inputmode": "decimal", "size": "6", "class": "points", "autocomplete": "off"})
            elif attribute in ("note", "explanation"):
                attrs["rows"] = 1
            form_field.widget.attrs.update(attrs)

    def _touched(self, score):
        """Whether any posted value of this score differs, as text, from the value the page showed beside it.

        A superset of the changes (a value typed differently but equal, "4,5" for "4,50", is
        looked at again by the field), and cheap: no field is made for the rows nobody touched.
        """
        data = self.data
        for attribute in FIELDS:
            if attribute not in self.editable:
                continue
            name = field_name(score, attribute)
            initial = data.get(self.add_initial_prefix(name))
            if attribute == "not_assessed":
                if initial is not None and (name in data) != (initial == "True"):
                    return True
            elif data.get(name) != initial:
                return True
        return False

    def complete(self):
        """The same form with a field for every row (to show it again with its errors)."""
        return ScoreSheetForm(self.data, rows=self.rows, editable=self.editable, appraises=self.appraises)

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs.update({"aria-invalid": "true", "aria-describedby": f"id_{name}-error"})

    def clean(self):
        cleaned = super().clean()
        for row in self.rows:
            score = row.score
            if score is None or f"s{score.pk}-version" not in self.fields:
                continue
            na = cleaned.get(field_name(score, "not_assessed"), score.not_assessed)
            points = cleaned.get(field_name(score, "points"))
            if na and points is not None and field_name(score, "points") in self.fields:
                self.add_error(
                    field_name(score, "points"),
                    _("A criterion that is not assessed has no score: clear the score or the box."),
                )
        return cleaned

    def error_items(self):
        """(field id, label, message) of every error, for the summary at the top of the page."""
        for name, errors in self.errors.items():
            label = self.fields[name].label if name in self.fields else ""
            for message in errors:
                yield f"id_{name}", label, message

    def fields_of(self, score):
        """The bound fields of one score, by attribute ("points", …, "version"); None for those not editable."""
        return {name: self.bound(score, name) for name in (*FIELDS, "version")}

    def bound(self, score, attribute):
        """The bound field of a score's attribute, or None when the user may not edit it."""
        name = field_name(score, attribute)
        return self[name] if name in self.fields else None


def save_scoresheet(form, *, edition, user, roles=None):
    """Write what the user changed (`scoring.writes.set_scores`); return the number of scores saved.

    Each change is checked against the version of the score the page showed: if someone saved
    that score since, nothing is saved and `StaleScores` lists the newer values.
    """
    changed = {}
    for name in form.changed_data:
        if name.endswith("-version"):
            continue
        prefix, attribute = name.split("-", 1)
        changed.setdefault(int(prefix[1:]), {})[attribute] = form.cleaned_data[name]
    scores = {row.score.pk: row.score for row in form.rows if row.score is not None}
    changes = [
        ScoreChange(scores[pk], values, based_on=form.cleaned_data[f"s{pk}-version"]) for pk, values in changed.items()
    ]
    return set_scores(edition=edition, changes=changes, user=user, reason=reason("sheet"), roles=roles)
