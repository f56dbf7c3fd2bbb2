from django.core.exceptions import PermissionDenied
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import EditView, IndexView, SnippetViewSet

from .models import Practitioner
from .permissions import PractitionerPermissionPolicy

permission_policy = PractitionerPermissionPolicy(Practitioner)


class PractitionerIndexView(IndexView):
    def get_base_queryset(self):
        # A clinician without the group permission lists their own record only.
        mine = permission_policy.instances_user_has_permission_for(self.request.user, "change")
        return super().get_base_queryset().filter(pk__in=mine.values("pk"))


class PractitionerEditView(EditView):
    def get_object(self, queryset=None):
        practitioner = super().get_object(queryset)
        if not permission_policy.user_has_permission_for_instance(
            self.request.user, "change", practitioner
        ):
            raise PermissionDenied
        return practitioner


class PractitionerViewSet(SnippetViewSet):
    model = Practitioner
    icon = "user"
    menu_label = "Practitioners"
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "role", "credentials"]
    search_fields = ["name", "role", "credentials"]
    index_view_class = PractitionerIndexView
    edit_view_class = PractitionerEditView

    @property
    def permission_policy(self):
        return permission_policy


register_snippet(PractitionerViewSet)
