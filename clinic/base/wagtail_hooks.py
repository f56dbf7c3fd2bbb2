from wagtail import hooks
from wagtail.admin.userbar import ContentCheckerItem

from .content_checks import ClinicContentCheckerItem
from .page_cache import request_is_cacheable, response_is_cacheable


@hooks.register("construct_wagtail_userbar")
def use_clinic_content_checks(request, items, page):
    """The editor's Checks panel and the userbar both run the clinic's checks too."""
    for index, item in enumerate(items):
        if isinstance(item, ContentCheckerItem) and not isinstance(item, ClinicContentCheckerItem):
            items[index] = ClinicContentCheckerItem(in_editor=item.in_editor)


@hooks.register("is_request_cacheable")
def keep_private_requests_out_of_the_page_cache(request, is_cacheable):
    return request_is_cacheable(request)


@hooks.register("is_response_cacheable")
def keep_private_responses_out_of_the_page_cache(response, is_cacheable):
    return response_is_cacheable(response)
