from django.urls import path

from . import booking_page, views

app_name = "appointments"

urlpatterns = [
    path("request/", views.AppointmentRequestView.as_view(), name="request"),
    path("request/sent/", views.request_sent, name="sent"),
    # The patient's own booking page, from the signed link in their emails.
    path("booking/<str:token>/", booking_page.booking, name="booking"),
    path("booking/<str:token>/<slug:act>/", booking_page.booking_act, name="booking_act"),
]
