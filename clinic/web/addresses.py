"""Who is asking: the client's address, as the appointment rate limit and the admin sign-in
lockout (django-axes) both see it."""

import ipaddress

from django.conf import settings


def client_address(request):
    """The client's address; behind TRUSTED_PROXY_COUNT proxies, the one the outermost
    trusted proxy saw (earlier X-Forwarded-For entries can be forged by the client). An entry
    that is not an IP address (a misconfigured proxy count lets the client write it) is not
    trusted either."""
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        addresses = [part.strip() for part in forwarded.split(",") if part.strip()]
        if len(addresses) >= proxies and _is_ip_address(addresses[-proxies]):
            return addresses[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def _is_ip_address(text):
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True
