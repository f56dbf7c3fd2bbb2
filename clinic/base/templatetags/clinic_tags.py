from django import template
from django.templatetags.static import static

from clinic.base.phones import tel_uri as phone_to_tel_uri
from clinic.base.seo import absolute_url, json_ld_script

register = template.Library()


@register.simple_tag(takes_context=True)
def structured_data(context, page):
    data = page.get_structured_data(context["request"])
    return json_ld_script(data) if data else ""


@register.simple_tag(takes_context=True)
def absolute(context, path):
    return absolute_url(context["request"], path)


@register.filter
def tel_uri(number):
    """The `tel:` address a phone dials for `number` as people write it."""
    return phone_to_tel_uri(number)


@register.simple_tag(takes_context=True)
def absolute_static(context, path):
    """The full address of a static file, for pages elsewhere (a shared link's image)."""
    return absolute_url(context["request"], static(path))
