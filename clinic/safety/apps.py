from django.apps import AppConfig


class SafetyConfig(AppConfig):
    name = "clinic.safety"
    label = "safety"
    verbose_name = "Patient safety"

    def ready(self):
        from clinic.base.page_cache import empty_on_change

        from .models import WarningSign

        # The form, the confirmation and every health page's urgent-care box show the list.
        empty_on_change(WarningSign)
