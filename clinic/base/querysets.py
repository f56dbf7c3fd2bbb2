"""Page queries that cost the same few SQL queries however big the site grows."""

from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length, Substr
from wagtail.models import PageManager, PageQuerySet, PageViewRestriction


def in_private_section(path="path"):
    """True for a page with a view restriction on it or above it, as a subquery; `path`
    names the page's tree path in the outer query (e.g. "treatment__path").

    Wagtail's `public()` first lists the restricted pages in a query of its own, each time
    it is called; this asks the same inside the page query (a restricted page's path is the
    start of the paths of the pages under it)."""
    return Exists(
        PageViewRestriction.objects.filter(
            page__path=Substr(OuterRef(path), 1, Length("page__path"))
        )
    )


class ClinicPageQuerySet(PageQuerySet):
    def private_q(self):
        return Q(in_private_section())


ClinicPageManager = PageManager.from_queryset(ClinicPageQuerySet)
