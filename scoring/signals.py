"""What the domain tells the rest of the portal.

`edition_published(sender=Edition, edition=…)` is sent inside the publishing transaction: a
receiver that acts on the outside world (clearing a cache) should do so with
`transaction.on_commit`.
"""

from django.dispatch import Signal

edition_published = Signal()
