"""The admin report "Content due for review": health pages (treatments, symptom articles)
whose clinical review is late or falls due within DUE_SOON_DAYS."""

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, LiveStatusTagColumn, StatusTagColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page
from wagtail.permissions import page_permission_policy

from clinic.base.health_pages import health_pages_due_for_review
from clinic.base.reviews import DUE_SOON_DAYS, ReviewState, review_state
from clinic.people.models import Practitioner

# Whoever may work on pages (editors, clinicians, superusers) sees what is due; the front
# desk, with no page rights, does not.
PAGE_WORK = ["add", "change", "publish"]


def can_see_reviews_due(user):
    return page_permission_policy.user_has_any_permission(user, PAGE_WORK)


def pages_due_for_review(user, today):
    """The health pages due for review, among the pages `user` may work on."""
    pages = page_permission_policy.instances_user_has_any_permission_for(user, PAGE_WORK)
    return health_pages_due_for_review(today).filter(pk__in=pages.values("pk"))


def review_state_choices():
    return [
        (ReviewState.OVERDUE, gettext("Overdue")),
        (ReviewState.DUE_SOON, gettext("Due within %(days)s days") % {"days": DUE_SOON_DAYS}),
    ]


class ContentDueForReviewFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(
        label=_("Review"),
        choices=review_state_choices,
        empty_label=_("Overdue or due soon"),
        method="filter_state",
    )
    reviewer = django_filters.ModelChoiceFilter(
        label=_("Reviewer"),
        queryset=Practitioner.objects.filter(
            Q(articles__isnull=False) | Q(reviewed_treatments__isnull=False)
        ).distinct(),
        method="filter_reviewer",
    )

    class Meta:
        model = Page
        fields = ["state", "reviewer", "live"]

    def filter_reviewer(self, queryset, name, value):
        return queryset.filter(reviewer_pk=value.pk)

    def filter_state(self, queryset, name, value):
        today = timezone.localdate()
        if value == ReviewState.OVERDUE:
            return queryset.filter(next_review_due__lt=today)
        if value == ReviewState.DUE_SOON:
            return queryset.filter(next_review_due__gte=today)
        return queryset


class ContentDueForReviewView(ReportView):
    page_title = _("Content due for review")
    header_icon = "calendar-check"
    index_url_name = "education_reports:content_due_for_review"
    index_results_url_name = "education_reports:content_due_for_review_results"
    permission_policy = page_permission_policy
    any_permission_required = PAGE_WORK
    filterset_class = ContentDueForReviewFilterSet
    default_ordering = "next_review_due"
    columns = [
        TitleColumn(
            "title",
            label=_("Title"),
            accessor="get_admin_display_title",
            url_name="wagtailadmin_pages:edit",
            sort_key="title",
        ),
        Column("page_type_display_name", label=_("Type")),
        StatusTagColumn(
            "review_state_label",
            label=_("Review"),
            primary=lambda page: page.review_state == ReviewState.OVERDUE,
        ),
        Column("reviewer_name", label=_("Reviewer")),
        Column("last_reviewed", label=_("Last reviewed"), sort_key="last_reviewed"),
        Column("next_review_due", label=_("Next review due"), sort_key="next_review_due"),
        LiveStatusTagColumn(),
    ]
    list_export = [
        "title",
        "page_type_display_name",
        "review_state_label",
        "reviewer_name",
        "last_reviewed",
        "next_review_due",
        "status_string",
        "full_url",
    ]
    export_headings = {
        "title": _("Title"),
        "page_type_display_name": _("Type"),
        "review_state_label": _("Review"),
        "reviewer_name": _("Reviewer"),
        "last_reviewed": _("Last reviewed"),
        "next_review_due": _("Next review due"),
        "status_string": _("Status"),
        "full_url": _("Address"),
    }

    @cached_property
    def today(self):
        return timezone.localdate()

    @cached_property
    def no_results_message(self):
        if self.is_filtering:
            return gettext("No page matches these filters.")
        return gettext("No page is overdue for review or due within %(days)s days.") % {
            "days": DUE_SOON_DAYS
        }

    def get_filename(self):
        return f"content-due-for-review-{self.today.isoformat()}"

    def get_queryset(self):
        self.queryset = pages_due_for_review(self.request.user, self.today)
        return super().get_queryset()

    def decorate_paginated_queryset(self, object_list):
        for page in object_list:
            page.review_state = review_state(page.next_review_due, self.today)
            page.review_state_label = page.review_state.label
            page.reviewer_name = page.reviewer_name or ""
        return object_list
