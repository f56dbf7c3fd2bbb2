from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "clinic.pages"
    label = "pages"
    verbose_name = "Content pages"
