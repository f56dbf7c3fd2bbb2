"""{% shared_part name value... %}...{% endshared_part %}: a part of a page that is the same for
everyone it is shown to with the same values (a site's footer, a blank form's questions).

It is kept in the page cache's store, beside whole pages and for as long, so every change that
empties the page cache empties it too (clinic/base/page_cache.py). The parts of a page that
cannot be kept whole (the appointment form, with each patient's own token) are then quick to
render. As for whole pages, a store that fails costs speed only: the part is rendered afresh.
"""

import logging

from django import template
from django.conf import settings
from django.core.cache import caches
from django.core.cache.utils import make_template_fragment_key

logger = logging.getLogger(__name__)
register = template.Library()


class SharedPartNode(template.Node):
    def __init__(self, nodelist, name, values):
        self.nodelist = nodelist
        self.name = name
        self.values = values

    def render(self, context):
        request = context.get("request")
        if request is None or getattr(request, "is_preview", False):
            # An editor's preview shows what is not published yet: never kept for patients.
            return self.nodelist.render(context)
        values = [value.resolve(context) for value in self.values]
        key = make_template_fragment_key(self.name, values)
        store = caches[settings.WAGTAIL_CACHE_BACKEND]
        part = self.ask(store.get, key)
        if part is None:
            part = self.nodelist.render(context)
            self.ask(store.set, key, part, settings.PAGE_CACHE_SECONDS)
        return part

    def ask(self, method, *args):
        try:
            return method(*args)
        except Exception as error:  # any store's failure: render without it, as for pages
            logger.warning("Page cache failed for %s (%s)", self.name, type(error).__name__)
            return None


@register.tag
def shared_part(parser, token):
    name, *values = token.split_contents()[1:]
    nodelist = parser.parse(("endshared_part",))
    parser.delete_first_token()
    return SharedPartNode(nodelist, name, [parser.compile_filter(value) for value in values])
