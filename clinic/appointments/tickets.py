"""The signed ticket a request form carries: its one-time token and when it was shown.

The ticket makes a double click or a refresh find the first request instead of making a
second, and lets the view tell a person (who takes a while) from a script (which does not)
without a third-party service. It is signed, so neither part can be forged.
"""

import time
import uuid
from dataclasses import dataclass

from django.core import signing

SALT = "clinic.appointments.ticket"
# A form left open longer than this is shown again with a fresh ticket.
MAX_AGE_SECONDS = 24 * 60 * 60


@dataclass(frozen=True)
class Ticket:
    token: uuid.UUID
    issued_at: float

    def seconds_open(self, now=None):
        return (now or time.time()) - self.issued_at


def issue_ticket():
    return signing.dumps({"token": uuid.uuid4().hex, "issued_at": time.time()}, salt=SALT)


def read_ticket(value):
    """The ticket in `value`; raises signing.BadSignature if it is forged, broken or stale."""
    data = signing.loads(value, salt=SALT)
    try:
        ticket = Ticket(token=uuid.UUID(data["token"]), issued_at=float(data["issued_at"]))
    except (KeyError, TypeError, ValueError) as error:
        raise signing.BadSignature("Malformed ticket") from error
    # A minute of leeway for clocks that differ between web servers.
    if not -60 <= ticket.seconds_open() <= MAX_AGE_SECONDS:
        raise signing.SignatureExpired("Stale ticket")
    return ticket
