from django.contrib.admin.utils import unquote
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.log_actions import log
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import ReorderView, SnippetViewSet

from .models import WarningSign


class WarningSignReorderView(ReorderView):
    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        # Edits are in each sign's history already; a new order changes what patients read
        # first, so it is recorded too.
        sign = self.model.objects.get(pk=unquote(str(kwargs["pk"])))
        log(instance=sign, action="wagtail.reorder", user=request.user)
        return response


class WarningSignViewSet(SnippetViewSet):
    model = WarningSign
    icon = "warning"
    menu_label = _("Warning signs")
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["wording", "urgency", BooleanColumn("active", label=_("Asked on the form"))]
    list_filter = ["urgency", "active"]
    reorder_view_class = WarningSignReorderView


register_snippet(WarningSignViewSet)
