"""Response headers every page gets, in every environment."""

import re
import uuid

from .logs import request_id

# The site never needs these browser features; a page that asks for them has been tampered with.
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=()"


class PermissionsPolicyMiddleware:
    """Adds ``Permissions-Policy`` to every response that does not set its own."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


class RequestIdMiddleware:
    """Gives each request an id, in the logs and in the ``X-Request-ID`` response header.

    The load balancer's id is kept when it sends a sane one, so its logs and ours line up.
    """

    HEADER = "X-Request-ID"
    INCOMING = re.compile(r"[A-Za-z0-9._-]{8,64}")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get(self.HEADER, "")
        value = incoming if self.INCOMING.fullmatch(incoming) else uuid.uuid4().hex
        # Not reset on the way out: Django logs 4xx and 5xx responses after the middleware
        # has returned. The next request on this thread sets its own.
        request_id.set(value)
        response = self.get_response(request)
        response[self.HEADER] = value
        return response
