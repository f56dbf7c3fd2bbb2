"""The site's menus: the header's, from the page tree, and the footer's, from the clinic
settings."""

from django import template
from wagtail.models import Page, Site

from clinic.base.querysets import in_private_section

register = template.Library()


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    """The live, public pages just under the site's home page that editors marked "Show in
    menus", in the page tree's order, each with its place relative to the current page:
    "page" on it, "true" on the pages inside it (aria-current)."""
    request = context["request"]
    site = Site.find_for_request(request)
    items = []
    if site is not None:
        pages = (
            Page.objects.child_of(site.root_page)
            .live()
            .in_menu()
            .exclude(in_private_section())
            .order_by("path")
        )
        for page in pages:
            url = page.get_url(request)
            if request.path == url:
                current = "page"
            elif request.path.startswith(url):
                current = "true"
            else:
                current = None
            items.append({"title": page.title, "url": url, "current": current})
    return {"items": items, "request": request}
