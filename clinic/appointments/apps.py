from django.apps import AppConfig


class AppointmentsConfig(AppConfig):
    name = "clinic.appointments"
    label = "appointments"
    verbose_name = "Appointment requests"

    def ready(self):
        from .counts import register_signal_handlers

        register_signal_handlers()
