"""Run the periodic commands, each on its own interval, until stopped: the scheduler process.

The commands and their intervals come from settings.SCHEDULED_COMMANDS, by name, so this app
imports nothing from the apps whose commands it runs. Each runs at start, then again every
interval. A command that fails is logged with its name and the exception's type only (an
exception's text can quote a patient) and runs again at its next turn; the others carry on.
A command still running after SCHEDULER_TIME_LIMIT_SECONDS (waiting on a server that never
answers) is stopped where it is, its transaction rolled back, and runs again at its next
turn: one command's hang holds the others up for that long at most. SIGTERM or SIGINT stops
the loop between commands, never in the middle of one.

Run exactly one scheduler per site. `--once` runs each command once and exits, non-zero if
one failed: for cron, and for tests.
"""

import logging
import os
import signal
import time
from contextlib import contextmanager

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

logger = logging.getLogger(__name__)

# The longest sleep between looks at the stop flag, so a stop never waits long.
NAP_SECONDS = 1.0
STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)


class Command(BaseCommand):
    help = "Run the periodic commands (pending emails, scheduled publishing, retention)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--once", action="store_true", help="Run each command once, then exit (for cron)."
        )

    def handle(self, *args, once=False, **options):
        lower_priority()
        intervals = dict(settings.SCHEDULED_COMMANDS)
        if once:
            failed = [name for name in intervals if not self.run_command(name)]
            if failed:
                raise CommandError(f"Failed: {', '.join(failed)} (see the log).")
            return

        self.stopping = False
        previous = {signum: signal.signal(signum, self.stop) for signum in STOP_SIGNALS}
        try:
            self.loop(intervals)
        finally:
            for signum, handler in previous.items():
                signal.signal(signum, handler)
        self.stdout.write("Scheduler stopped.")

    def stop(self, signum, frame):
        # Only a flag: the command running now finishes, the loop ends after it.
        self.stopping = True

    def loop(self, intervals):
        self.stdout.write(
            "Scheduler started: "
            + ", ".join(f"{name} every {seconds} s" for name, seconds in intervals.items())
        )
        due = dict.fromkeys(intervals, time.monotonic())
        while not self.stopping:
            for name, seconds in intervals.items():
                if self.stopping:
                    break
                if time.monotonic() >= due[name]:
                    due[name] = time.monotonic() + seconds
                    self.run_command(name)
            self.sleep_until(min(due.values()))

    def sleep_until(self, moment):
        while not self.stopping and (left := moment - time.monotonic()) > 0:
            time.sleep(min(left, NAP_SECONDS))

    def run_command(self, name):
        """Run one command; True if it succeeded."""
        fresh_database_connections()
        try:
            with time_limit(settings.SCHEDULER_TIME_LIMIT_SECONDS):
                call_command(name, stdout=self.stdout, stderr=self.stderr)
        except TimeLimitExceeded:
            logger.error(
                "Scheduled command %s was stopped after %s s; it runs again at its next turn.",
                name,
                settings.SCHEDULER_TIME_LIMIT_SECONDS,
            )
            return False
        except Exception as error:  # any failure: log it, keep the scheduler going
            logger.error(
                "Scheduled command %s failed (%s); it runs again at its next turn.",
                name,
                type(error).__name__,
            )
            return False
        return True


class TimeLimitExceeded(BaseException):
    """A command ran out of time. Not an Exception, so that no ``except Exception`` in the
    command (a failed email is caught and reported, for one) carries on past its limit."""


def raise_time_limit_exceeded(signum, frame):
    raise TimeLimitExceeded


@contextmanager
def time_limit(seconds):
    """Stop what runs inside after `seconds`, wherever it is waiting (a socket, a lock).

    The alarm signal interrupts a blocking call in the main thread, where the scheduler runs;
    the exception it raises rolls back any transaction open in the command on its way out.
    """
    previous = signal.signal(signal.SIGALRM, raise_time_limit_exceeded)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def lower_priority():
    """Yield the CPU to the web workers by settings.SCHEDULER_NICE: nothing the scheduler
    does is waited for by a person at a screen."""
    if settings.SCHEDULER_NICE:
        os.nice(settings.SCHEDULER_NICE)


def fresh_database_connections():
    """Close the open database connections, so the next command connects afresh.

    Django does the like around each web request; a process that runs for weeks must do it
    itself, or a database restart leaves it holding a dead connection for good. A connection
    inside a transaction is left alone: whoever opened the transaction (a test) still needs it.
    """
    for connection in connections.all(initialized_only=True):
        if not connection.in_atomic_block:
            connection.close()
