import json
import socket
import subprocess
import sys
import threading
from io import StringIO
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.test import Client

ROOT = Path(__file__).resolve().parent.parent


def html(response):
    """The response parsed, for asserting on what a visitor's browser would show."""
    assert response.status_code == 200, response.status_code
    return parse(response)


def parse(response):
    """Any response parsed, whatever its status (error pages too)."""
    return BeautifulSoup(response.content, "lxml")


def text_of(soup):
    """The visible text of a page or element, with whitespace folded."""
    return " ".join(soup.get_text(" ").split())


def make_user(username, group_name=None, **fields):
    """A user with password "pw", in the named group if one is given."""
    user = get_user_model().objects.create_user(username, f"{username}@example.com", "pw", **fields)
    if group_name:
        user.groups.add(Group.objects.get(name=group_name))
    return user


def logged_in(user):
    """A browser logged in as `user`. force_login, because django-axes refuses
    `client.login()` (it has no request to count attempts against); tests of the sign-in
    itself post to /admin/login/."""
    client = Client()
    client.force_login(user)
    return client


def dockerfile_instructions():
    """The Dockerfile as (INSTRUCTION, arguments) pairs, comments dropped, continuations joined."""
    lines = [
        line
        for line in (ROOT / "Dockerfile").read_text().splitlines()
        if not line.strip().startswith("#")
    ]
    text = "\n".join(lines).replace("\\\n", " ")
    pairs = []
    for line in text.splitlines():
        if line.strip():
            instruction, _, arguments = line.strip().partition(" ")
            pairs.append((instruction.upper(), " ".join(arguments.split())))
    return pairs


def dockerfile_env():
    """The environment the image sets (its ENV instructions), as a dict."""
    return dict(
        pair.split("=", 1)
        for instruction, arguments in dockerfile_instructions()
        if instruction == "ENV"
        for pair in arguments.split()
    )


def dockerfile_cmd():
    """The image's start command: its CMD, in exec (JSON) form."""
    [cmd] = [
        arguments for instruction, arguments in dockerfile_instructions() if instruction == "CMD"
    ]
    return json.loads(cmd)


def run_python(*args, env, timeout=60, check=True):
    """`python *args` run in the project's folder with the environment `env`, its output as
    text; with check, the test fails with its stderr unless it succeeds."""
    result = subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if check:
        assert result.returncode == 0, result.stderr
    return result


class SilentServer:
    """A server on the loopback that accepts connections and never answers: a Redis or a
    mail server on a dead host, behind dropped packets, or hung mid-failover. A context
    manager: it stops at the end of the block."""

    def __init__(self):
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.accepted = []
        threading.Thread(target=self.accept, daemon=True).start()

    @property
    def connections(self):
        """How many connections it has accepted: how often it was asked."""
        return len(self.accepted)

    def accept(self):
        while True:
            try:
                connection, _ = self.listener.accept()
            except OSError:  # closed
                return
            self.accepted.append(connection)

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        # shutdown() first: close() alone does not wake the thread waiting in accept().
        for sock in [self.listener, *self.accepted]:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            sock.close()


def command_report(command, fails=False):
    """What a management command prints; it must exit non-zero (CommandError, saying what
    was "not sent") exactly when `fails`, as cron and monitoring see it."""
    out = StringIO()
    if fails:
        with pytest.raises(CommandError, match="not sent"):
            call_command(command, stdout=out)
    else:
        call_command(command, stdout=out)
    return out.getvalue()


def as_sent(message):
    """Every header and decoded part of the email as it goes out, subject included."""
    mime = message.message()
    headers = "\n".join(f"{name}: {value}" for name, value in mime.items())
    parts = [
        part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8")
        for part in mime.walk()
        if not part.is_multipart()
    ]
    return "\n".join([headers, *parts])
