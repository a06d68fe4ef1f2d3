"""RSS and Atom feeds of newly published decisions."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from scoring.models import Edition
from scoring.text import strip_control


class DecisionsFeed(Feed):
    title = _("Published decisions on the administrative reform index")
    description = _("Each decision that approves and publishes an index, as it is published.")

    def link(self):
        return reverse("publications:home")

    def items(self):
        return Edition.objects.published().select_related("authority", "decision").order_by("-published_at")[:50]

    def item_title(self, item):
        decision = getattr(item, "decision", None)
        number = _("Decision No. %(number)s") % {"number": decision.number} if decision else ""
        return strip_control(f"{item.authority_name}: {item.title}" + (f" ({number})" if number else ""))

    def item_description(self, item):
        decision = getattr(item, "decision", None)
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
