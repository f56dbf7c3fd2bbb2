from django.apps import AppConfig


class WebConfig(AppConfig):
    """Request plumbing: headers and request ids, logs, health probes, the outage and error
    pages, the client's address, and the scheduler."""

    name = "clinic.web"
    label = "web"
    verbose_name = "Web plumbing"
