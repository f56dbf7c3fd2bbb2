from django.apps import AppConfig


class BaseConfig(AppConfig):
    name = "clinic.base"
    label = "base"
    verbose_name = "Clinic"

    def ready(self):
        from .signal_handlers import register_signal_handlers

        register_signal_handlers()
