from wagtail import hooks
from wagtail.admin.userbar import ContentCheckerItem

from .content_checks import ClinicContentCheckerItem


@hooks.register("construct_wagtail_userbar")
def use_clinic_content_checks(request, items, page):
    """The editor's Checks panel and the userbar both run the clinic's checks too."""
    for index, item in enumerate(items):
        if isinstance(item, ContentCheckerItem) and not isinstance(item, ClinicContentCheckerItem):
            items[index] = ClinicContentCheckerItem(in_editor=item.in_editor)
