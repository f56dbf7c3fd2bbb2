from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Reviewer


class ReviewerViewSet(SnippetViewSet):
    model = Reviewer
    icon = "user"
    menu_label = "Clinical reviewers"
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "credentials"]
    search_fields = ["name", "credentials"]


register_snippet(ReviewerViewSet)
