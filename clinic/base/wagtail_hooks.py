from wagtail import hooks
from wagtail.admin.userbar import ContentCheckerItem

from . import page_cache_admin, reading_level
from .content_checks import ClinicContentCheckerItem
from .page_cache import request_is_cacheable, response_is_cacheable


@hooks.register("construct_wagtail_userbar")
def use_clinic_content_checks(request, items, page):
    """The editor's Checks panel and the userbar both run the clinic's checks too."""
    for index, item in enumerate(items):
        if isinstance(item, ContentCheckerItem) and not isinstance(item, ClinicContentCheckerItem):
            items[index] = ClinicContentCheckerItem(in_editor=item.in_editor, page=page)


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def record_reading_level_acceptance(request, page):
    reading_level.log_acceptance(request, page)


@hooks.register("register_log_actions")
def register_reading_level_log_action(actions):
    reading_level.register_log_action(actions)


@hooks.register("is_request_cacheable")
def keep_private_requests_out_of_the_page_cache(request, is_cacheable):
    return request_is_cacheable(request)


@hooks.register("is_response_cacheable")
def keep_private_responses_out_of_the_page_cache(response, is_cacheable):
    return response_is_cacheable(response)


@hooks.register("register_admin_urls", order=-1)
def register_page_cache_admin_urls():
    # Ahead of wagtail-cache's own views at the same addresses: page_cache_admin.py says why.
    return page_cache_admin.urlpatterns
