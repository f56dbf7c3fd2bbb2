"""Settings › Cache in the admin, for superusers only: how long patients' pages are kept, and
a button that empties the page cache.

wagtail-cache ships this page, but its views let anyone with admin access in and empty the
cache on a GET (https://github.com/coderedcorp/wagtail-cache/blob/v3.0.0/wagtailcache/views.py).
These URL patterns take both of its addresses, ahead of its own (wagtail_hooks.py); its menu
item, already shown to superusers only, leads here.
"""

from django.shortcuts import redirect
from django.urls import path
from django.utils.decorators import method_decorator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.auth import user_passes_test
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .page_cache import clear_page_cache


def is_superuser(user):
    return user.is_active and user.is_superuser


@method_decorator(user_passes_test(is_superuser), name="dispatch")
class PageCacheView(WagtailAdminTemplateMixin, TemplateView):
    """GET shows the page and its button; only the button's POST empties the cache."""

    page_title = _("Cache")
    header_icon = "wagtailcache-bolt"
    template_name = "base/admin/page_cache.html"

    def post(self, request):
        clear_page_cache()
        messages.success(
            request, gettext("The page cache is empty: each page is built afresh on its next view.")
        )
        return redirect("page_cache")


urlpatterns = [
    path("cache/", PageCacheView.as_view(), name="page_cache"),
    # wagtail-cache's "clear" address: here, the same page, which a GET leaves alone.
    path("cache/clearcache", PageCacheView.as_view()),
]
