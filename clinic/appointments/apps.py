from django.apps import AppConfig


class AppointmentsConfig(AppConfig):
    name = "clinic.appointments"
    label = "appointments"
    verbose_name = "Appointment requests"
