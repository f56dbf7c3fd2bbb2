"""The admin's "Add child page" for a page that takes none: a plain explanation of where each
kind of page goes, instead of Wagtail's "Sorry, you do not have permission to access this
area", which sends an editor looking for a permission they already have."""

from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.pages.create import add_subpage as wagtail_add_subpage
from wagtail.models import Page, get_page_models


@require_admin_access
def add_subpage(request, parent_page_id):
    parent = get_object_or_404(Page, id=parent_page_id).specific
    allowed_here = [
        model for model in parent.creatable_subpage_models() if model.can_create_at(parent)
    ]
    tester = parent.permissions_for_user(request.user)
    may_add_pages = request.user.is_superuser or "add" in tester.permissions
    if allowed_here or not may_add_pages:
        return wagtail_add_subpage(request, parent_page_id)
    return TemplateResponse(
        request,
        "base/admin/nothing_to_add.html",
        {"parent_page": parent, "homes": page_type_homes()},
    )


def page_type_homes():
    """(page type, "the page types it may go under") for each page type editors create."""
    return [
        (
            model.get_verbose_name(),
            " or ".join(str(parent._meta.verbose_name) for parent in parents),
        )
        for model in get_page_models()
        if model.is_creatable
        and (parents := [p for p in model.allowed_parent_page_models() if p is not Page])
    ]
