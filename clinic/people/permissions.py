"""Who may change a practitioner record: those whose group gives the model permission, and
each clinician their own (found by its admin account), for bio, photo and credentials."""

from wagtail.permission_policies import ModelPermissionPolicy

# What a clinician may do with their own record without a group's permission: not add, copy
# or delete one.
OWN_RECORD_ACTIONS = {"view", "change"}


class PractitionerPermissionPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        if super().user_has_permission(user, action):
            return True
        return self.may_act_on_own_record(user, action) and self.owns_a_record(user)

    def user_has_permission_for_instance(self, user, action, instance):
        if super().user_has_permission(user, action):
            return True
        return self.may_act_on_own_record(user, action) and instance.user_id == user.pk

    def instances_user_has_permission_for(self, user, action):
        if super().user_has_permission(user, action):
            return self.model.objects.all()
        if self.may_act_on_own_record(user, action):
            return self.model.objects.filter(user=user)
        return self.model.objects.none()

    def may_act_on_own_record(self, user, action):
        return user.is_active and action in OWN_RECORD_ACTIONS

    def owns_a_record(self, user):
        # The reverse one-to-one: Django keeps what it found (or that there is none) on the
        # user for the rest of the request, where the admin's menu asks more than once.
        return hasattr(user, "practitioner")
