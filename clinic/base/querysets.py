"""Page queries that cost the same few SQL queries however big the site grows."""

import functools

from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length, Substr
from wagtail.models import Page, PageManager, PageQuerySet, PageViewRestriction, get_page_models


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


@functools.cache
def _specific_joins():
    """{page type: the relation from Page to its own row} for the clinic's page types, and
    the joins that fetch their rows, and what they name in `serve_select_related`, with a
    Page row."""
    from .models import ClinicPage

    accessors, joins = {}, []
    for model in get_page_models():
        if issubclass(model, ClinicPage) and Page in model._meta.parents:
            accessor = model._meta.parents[Page].remote_field.get_accessor_name()
            accessors[model] = accessor
            joins += [accessor, *(f"{accessor}__{name}" for name in model.serve_select_related)]
    return accessors, joins


def page_at(root, url_path):
    """The page at `url_path` under `root`, in its own type (a TreatmentPage, ...) and with
    what it names in `serve_select_related`, fetched in one query; None if there is none.

    Its `may_have_view_restrictions` says whether any page of the site has a view
    restriction: when none does, serving it need not look for them."""
    accessors, joins = _specific_joins()
    page = (
        Page.objects.descendant_of(root)
        .filter(url_path=url_path)
        .select_related(*joins)
        .annotate(may_have_view_restrictions=Exists(PageViewRestriction.objects.all()))
        .first()
    )
    if page is None:
        return None
    accessor = accessors.get(page.specific_class)
    specific = getattr(page, accessor) if accessor else page.specific
    specific.may_have_view_restrictions = page.may_have_view_restrictions
    return specific
