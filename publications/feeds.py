"""RSS and Atom feeds of newly published decisions, in Vietnamese and in English."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from publications import titles
from scoring.models import Edition
from scoring.text import strip_control


class DecisionsFeed(Feed):
    title = _("Published decisions on the administrative reform index")
    description = _("Each decision that approves and publishes an index, as it is published.")

    def link(self):
        return reverse("publications:home")

    @property
    def language(self):
        """The feed's language: Vietnamese at /feeds/, English at /en/feeds/."""
        return get_language() or settings.LANGUAGE_CODE

    def items(self):
        return (
            Edition.objects.published().select_related("authority", "index", "decision").order_by("-published_at")[:50]
        )

    def item_title(self, item):
        decision = getattr(item, "decision", None)
        number = _("Decision No. %(number)s") % {"number": decision.number} if decision else ""
        if not decision and item.period_start is not None:
            number = titles.period_text(item)
        title = f"{titles.authority_text(item)}: {titles.heading_text(item)}"
        return strip_control(title + (f" ({number})" if number else ""))

    def item_description(self, item):
        decision = getattr(item, "decision", None)
        if get_language() != "vi":  # the decision's own title is Vietnamese; English says what it is
            return strip_control(titles.announcement_title(item))
        return strip_control(decision.title if decision and decision.title else item.title)

    def item_link(self, item):
        return reverse("publications:announcement", args=[item.slug])

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.published_at


class AtomDecisionsFeed(DecisionsFeed):
    feed_type = Atom1Feed
    subtitle = DecisionsFeed.description
