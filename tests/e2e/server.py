"""The site served by gunicorn on the loopback, as production serves it, from the test database."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).with_name("gunicorn")
# The ports this project's browser tests may use on a shared machine.
PORTS = range(8750, 8800)
# Marks a line gunicorn's access log writes for a failed request ('"GET /path" 500 ...').
SERVER_ERROR = '" 5'


def free_port():
    for port in PORTS:
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port in {PORTS.start}-{PORTS.stop - 1}")


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


class Server:
    """gunicorn with the production config file and the test settings, one worker with
    threads: the page cache and rate-limit counters live in that worker's memory."""

    def __init__(self, database, media_root, log_path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = log_path
        env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
        env.update(
            DJANGO_SETTINGS_MODULE="clinic.settings.test",
            DATABASE_URL=database_url(database),
            MEDIA_ROOT=str(media_root),
            HOST="127.0.0.1",
            PORT=str(self.port),
            WEB_CONCURRENCY="1",
            # Every browser here comes from 127.0.0.1; the limit is tested in
            # test_appointment_requests.py.
            APPOINTMENT_RATE_LIMIT="1000",
        )
        command = [
            str(GUNICORN),
            "--config",
            str(ROOT / "clinic" / "gunicorn.conf.py"),
            "--threads",
            "4",
            "tests.e2e.wsgi:application",
        ]
        with open(log_path, "w") as log:
            self.process = subprocess.Popen(
                command,
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def wait_until_ready(self, timeout=30):
        deadline = time.monotonic() + timeout
        while True:
            if self.process.poll() is not None:
                raise RuntimeError("gunicorn exited:\n" + self.log())
            try:
                with urllib.request.urlopen(f"{self.url}/healthz", timeout=1) as response:  # noqa: S310
                    if response.status == 200:
                        return
            except (OSError, urllib.error.URLError):
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("gunicorn never answered:\n" + self.log())
            time.sleep(0.1)

    def log(self, start=0):
        with open(self.log_path, encoding="utf-8", errors="replace") as log:
            log.seek(start)
            return log.read()

    def log_size(self):
        return self.log_path.stat().st_size

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=5)
