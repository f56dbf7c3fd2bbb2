"""The admin's sign-out and "Forgotten password?" pages, in place of Wagtail's at the same
addresses (urls.py, which clinic/urls.py puts first)."""

from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from wagtail.admin.views import account

from .password_resets import take


class SignOutView(account.LogoutView):
    """Wagtail's sign-out, for its button's POST only; a GET shows that button and changes
    nothing.

    Wagtail's view deletes the session cookie and says "logged out" after Django's, whatever
    the method, but Django's signs out on a POST only: a GET left the session valid on the
    server (https://github.com/wagtail/wagtail/blob/v7.4.4/wagtail/admin/views/account.py#L421).
    """

    template_name = "staff/sign_out.html"

    def dispatch(self, request, *args, **kwargs):
        if request.method == "POST":
            return super().dispatch(request, *args, **kwargs)
        if request.method not in ("GET", "HEAD"):
            return self.http_method_not_allowed(request, *args, **kwargs)
        response = TemplateResponse(request, self.template_name)
        add_never_cache_headers(response)
        return response


class PasswordResetView(account.PasswordResetView):
    """Wagtail's "Forgotten password?" page, answering "check your email" for every valid
    address in the same way and time: the request is stored, within the rate limits, and the
    scheduler sends the email (password_resets.py)."""

    def form_valid(self, form):
        take(self.request, form.cleaned_data["email"])
        return HttpResponseRedirect(self.get_success_url())
