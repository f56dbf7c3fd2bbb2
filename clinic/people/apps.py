from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "clinic.people"
    label = "people"
    verbose_name = "People"

    def ready(self):
        from clinic.base.page_cache import empty_on_change

        from .models import Practitioner

        # Practitioners are shown on their profiles, their articles and their treatments.
        empty_on_change(Practitioner)
