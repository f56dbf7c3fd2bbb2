"""The web container's health check: GET /healthz from this container's gunicorn.

Run as `python -m clinic.healthcheck` (docker-compose.yml does); exits 0 on a 200, otherwise
prints one line and exits 1. It connects to 127.0.0.1 but names the first of ALLOWED_HOSTS
as the host, since Django answers any other host with a 400. Loads no Django: it runs every
few seconds.
"""

import http.client
import sys

from clinic.settings.env import env_list, env_str


def probe_host():
    host = env_list("ALLOWED_HOSTS", ["localhost"])[0]
    # ".clinic.example" allows the domain and its subdomains; "*" allows anything.
    return "localhost" if host == "*" else host.lstrip(".")


def main():
    connection = http.client.HTTPConnection("127.0.0.1", int(env_str("PORT", "8000")), timeout=5)
    try:
        connection.request("GET", "/healthz", headers={"Host": probe_host()})
        status = connection.getresponse().status
    except OSError as error:
        sys.exit(f"healthcheck: /healthz did not answer ({type(error).__name__})")
    finally:
        connection.close()
    if status != 200:
        sys.exit(f"healthcheck: /healthz answered {status}")


if __name__ == "__main__":
    main()
