from django.urls import path
from wagtail.admin.auth import require_admin_access

from . import views

# Under /admin/, ahead of Wagtail's admin URLs, which have views at the same addresses. The
# sign-out is for admin users, as Wagtail's is; anyone may ask for a password reset.
urlpatterns = [
    path("logout/", require_admin_access(views.SignOutView.as_view())),
    path("password_reset/", views.PasswordResetView.as_view()),
]
