from django.urls import include, path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from clinic.base.reviews import DUE_SOON_DAYS, ReviewState

from .views import ContentDueForReviewView, can_see_reviews_due, pages_due_for_review


class ContentDueForReviewMenuItem(MenuItem):
    def is_shown(self, request):
        return can_see_reviews_due(request.user)


@hooks.register("register_admin_urls")
def register_content_due_for_review_urls():
    urls = [
        path("", ContentDueForReviewView.as_view(), name="content_due_for_review"),
        path(
            "results/",
            ContentDueForReviewView.as_view(results_only=True),
            name="content_due_for_review_results",
        ),
    ]
    return [
        path(
            "reports/content-due-for-review/",
            include((urls, "education_reports"), namespace="education_reports"),
        )
    ]


@hooks.register("register_reports_menu_item")
def register_content_due_for_review_menu_item():
    return ContentDueForReviewMenuItem(
        _("Content due for review"),
        reverse("education_reports:content_due_for_review"),
        name="content-due-for-review",
        icon_name="calendar-check",
        order=650,
    )


class ContentDueForReviewPanel(Component):
    """The dashboard's count of health pages overdue for clinical review and due soon."""

    name = "content_due_for_review"
    template_name = "education/admin/review_dashboard_panel.html"
    order = 60

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        today = timezone.localdate()
        due = pages_due_for_review(self.user, today)
        report_url = reverse("education_reports:content_due_for_review")
        return {
            "overdue_count": due.filter(next_review_due__lt=today).count(),
            "due_soon_count": due.filter(next_review_due__gte=today).count(),
            "due_soon_days": DUE_SOON_DAYS,
            "report_url": report_url,
            "overdue_url": f"{report_url}?state={ReviewState.OVERDUE}",
            "due_soon_url": f"{report_url}?state={ReviewState.DUE_SOON}",
        }


@hooks.register("construct_homepage_panels")
def add_content_due_for_review_panel(request, panels):
    if can_see_reviews_due(request.user):
        panels.append(ContentDueForReviewPanel(request.user))
