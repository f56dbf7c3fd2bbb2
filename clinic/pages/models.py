"""The clinic's general pages (About, Your first visit, Fees, Privacy...): a body of the
shared blocks, under the home page or under another content page."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from clinic.base.blocks import ClinicStreamBlock
from clinic.base.models import ClinicPage


class ContentPage(ClinicPage):
    body = StreamField(ClinicStreamBlock(), blank=True)

    content_panels = ClinicPage.content_panels + [FieldPanel("body")]
    search_fields = ClinicPage.search_fields + [index.SearchField("body")]

    parent_page_types = ["home.HomePage", "pages.ContentPage"]
    subpage_types = ["pages.ContentPage"]

    class Meta:
        verbose_name = _("content page")

    def sub_pages(self):
        """The live, public pages under this one, in the page tree's order."""
        return self.get_children().live().public().specific().order_by("path")
