"""gunicorn on the loopback, for the boot and outage tests, the browser tests and the benchmark
alike: started from the project's folder in a process group of its own, ready once /healthz
answers, stopped with its workers. The standard library only, so bench/run.py can use it too
(it starts its mail server and scheduler with `running` as well)."""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
GUNICORN = BIN / "gunicorn"


def free_port():
    """A port on the loopback that nothing listens on, chosen by the system: two test workers
    (or two people's runs) asking at once get different ones."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def running(command, env, log_path):
    """`command` running from the project's folder with the environment `env`, its output in
    `log_path`; stopped with its children on exit.

    Its own process group, so that it is stopped with its children; the same session as the
    rest, so that a `nice` it was given counts against them (Linux shares the CPU between
    sessions first, and priorities work only within one)."""
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, process_group=0
        )
    try:
        yield process
    finally:
        stop(process)


def stop(process, seconds=30):
    """SIGTERM to the process group (gunicorn finishes its requests), SIGKILL if it lingers."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)


@contextlib.contextmanager
def serving(command, env, log_path, seconds=30):
    """`command` (a gunicorn) running as `running` runs it, once it answers /healthz at the
    HOST and PORT in `env`. Fails with its log if it exits or never answers."""
    url = f"http://{env['HOST']}:{env['PORT']}/healthz"
    with running(command, env, log_path) as process:
        deadline = time.monotonic() + seconds
        while not answers(url):
            if process.poll() is not None:
                raise RuntimeError(f"gunicorn exited:\n{Path(log_path).read_text()}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn never answered {url}:\n{Path(log_path).read_text()}")
            time.sleep(0.1)
        yield process


def answers(url):
    try:
        with urllib.request.urlopen(url, timeout=1) as response:  # noqa: S310 (http, loopback)
            return response.status == 200
    except (OSError, urllib.error.URLError):
        return False


def gunicorn_command(*arguments):
    """The command that runs this virtual environment's gunicorn with `arguments`."""
    return [str(GUNICORN), *arguments]
