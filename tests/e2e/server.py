"""The site served by gunicorn on the loopback, as production serves it, from the test database."""

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from tests.gunicorn_process import ROOT, free_port, gunicorn_command, serving


def database_url(settings_dict):
    """A DATABASE_URL for the database `settings_dict` (a connection's) points at."""
    name = settings_dict["NAME"]
    if settings_dict["ENGINE"].endswith("sqlite3"):
        # The admin writes from several threads at once (autosave, editing-session pings, the
        # save itself): each transaction takes the write lock at its start and waits its turn,
        # rather than failing with "database is locked" when a reader tries to write.
        return f"sqlite:///{name}?transaction_mode=IMMEDIATE&timeout=20"
    credentials = quote(settings_dict["USER"] or "")
    if settings_dict["PASSWORD"]:
        credentials += ":" + quote(settings_dict["PASSWORD"])
    host = settings_dict["HOST"] or "localhost"
    port = settings_dict["PORT"] or 5432
    return f"postgres://{credentials}@{host}:{port}/{name}"


@dataclass
class Server:
    url: str
    media_root: Path
    log_path: Path

    def log(self, start=0):
        with open(self.log_path, encoding="utf-8", errors="replace") as log:
            log.seek(start)
            return log.read()

    def log_size(self):
        return self.log_path.stat().st_size


@contextlib.contextmanager
def serve(database, media_root, log_path):
    """gunicorn with the production config file and the test settings, one worker with
    threads (the page cache and rate-limit counters live in that worker's memory), serving
    the database `database` (a connection's settings) until the block ends."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="clinic.settings.test",
        DATABASE_URL=database_url(database),
        MEDIA_ROOT=str(media_root),
        HOST="127.0.0.1",
        PORT=str(port),
        WEB_CONCURRENCY="1",
        # Every browser here comes from 127.0.0.1; the limit is tested in
        # test_appointment_requests.py.
        APPOINTMENT_RATE_LIMIT="1000",
    )
    config = str(ROOT / "clinic" / "gunicorn.conf.py")
    command = gunicorn_command("--config", config, "--threads", "4", "tests.e2e.wsgi:application")
    with serving(command, env, log_path):
        yield Server(f"http://127.0.0.1:{port}", media_root, log_path)
