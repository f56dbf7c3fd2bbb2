from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "clinic.search"
    label = "search"
    verbose_name = "Search"
