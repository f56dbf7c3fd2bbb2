from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Practitioner


class PractitionerViewSet(SnippetViewSet):
    model = Practitioner
    icon = "user"
    menu_label = "Practitioners"
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "role", "credentials"]
    search_fields = ["name", "role", "credentials"]


register_snippet(PractitionerViewSet)
