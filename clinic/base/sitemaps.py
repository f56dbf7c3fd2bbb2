from django.contrib.sitemaps import Sitemap as DjangoSitemap
from django.urls import reverse
from wagtail.contrib.sitemaps import Sitemap as PageSitemap


class ClinicViewSitemap(DjangoSitemap):
    """Public pages that are Django views rather than Wagtail pages."""

    changefreq = "monthly"

    def items(self):
        return ["contact"]

    def location(self, item):
        return reverse(item)


SITEMAPS = {"pages": PageSitemap, "views": ClinicViewSitemap}
