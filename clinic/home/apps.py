from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "clinic.home"
    label = "home"
    verbose_name = "Home"
