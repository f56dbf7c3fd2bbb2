from django import template

from clinic.base.seo import absolute_url, json_ld_script

register = template.Library()


@register.simple_tag(takes_context=True)
def structured_data(context, page):
    data = page.get_structured_data(context["request"])
    return json_ld_script(data) if data else ""


@register.simple_tag(takes_context=True)
def absolute(context, path):
    return absolute_url(context["request"], path)
