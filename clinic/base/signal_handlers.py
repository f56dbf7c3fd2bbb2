"""What empties the page cache: a page published, unpublished (deleting a live page
unpublishes it first), moved or scheduled, and the things pages show that are not pages."""

from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from .models import ClinicSettings
from .page_cache import clear_page_cache, empty_on_change


def register_signal_handlers():
    # No sender: every page type. Scheduled publishing (publish_scheduled) and workflow
    # approvals publish through the same actions, so they send the same signals.
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(clear_page_cache, dispatch_uid="page-cache")
    # Shown on every page (header, footer, urgent-care box); images and documents by their
    # addresses; redirects, view restrictions and sites change what an address serves.
    for model in (
        ClinicSettings,
        get_image_model(),
        get_document_model(),
        Redirect,
        PageViewRestriction,
        Site,
    ):
        empty_on_change(model)
