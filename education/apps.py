from django.apps import AppConfig


class EducationConfig(AppConfig):
    name = "education"
    verbose_name = "Patient education"

    def ready(self):
        from clinic.base.page_cache import empty_on_change

        from .models import Reviewer

        # Reviewers are named on the articles they checked.
        empty_on_change(Reviewer)
