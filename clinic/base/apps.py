from django.apps import AppConfig


class BaseConfig(AppConfig):
    name = "clinic.base"
    label = "base"
    verbose_name = "Clinic"
