from types import SimpleNamespace

from django import template

from ..models import WarningSign

register = template.Library()


@register.simple_tag
def warning_signs():
    """The live warning signs, in one query: `emergency` and `same_day`, each in order."""
    signs = list(WarningSign.objects.shown())
    return SimpleNamespace(
        emergency=[sign for sign in signs if sign.is_emergency],
        same_day=[sign for sign in signs if not sign.is_emergency],
    )
