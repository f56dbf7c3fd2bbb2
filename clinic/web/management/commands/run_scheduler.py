"""Run the periodic commands, each on its own interval, until stopped: the scheduler process.

The commands and their intervals come from settings.SCHEDULED_COMMANDS, by name, so this app
imports nothing from the apps whose commands it runs. Each command runs in a thread of its
own: at start, then again an interval after each run began (or at once, if a run took longer
than its interval). A command waiting on a server that never answers holds up only itself,
until its client's timeout (EMAIL_TIMEOUT, the cache's and the database's) ends the wait; the
others run on time. A command that fails is logged with its name and the exception's type
only (an exception's text can quote a patient) and runs again at its next turn. SIGTERM or
SIGINT ends each thread after the run it is in, never in the middle of one.

Run exactly one scheduler per site. `--once` runs each command once, one after the other, and
exits, non-zero if one failed: for cron, and for tests.
"""

import logging
import os
import signal
import threading
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

logger = logging.getLogger(__name__)

# The longest wait between looks at the stop flag in the main thread, where signals arrive.
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

        self.stop_requested = False
        self.stopping = threading.Event()
        previous = {signum: signal.signal(signum, self.stop) for signum in STOP_SIGNALS}
        try:
            self.loop(intervals)
        finally:
            for signum, handler in previous.items():
                signal.signal(signum, handler)
        self.stdout.write("Scheduler stopped.")

    def stop(self, signum, frame):
        # Only a flag, which each thread reads before a run; setting the Event here could
        # deadlock on its lock, so the main loop sets it to wake the threads that wait.
        self.stop_requested = True

    def loop(self, intervals):
        self.stdout.write(
            "Scheduler started: "
            + ", ".join(f"{name} every {seconds} s" for name, seconds in intervals.items())
        )
        threads = [
            threading.Thread(target=self.repeat, args=(name, seconds), name=name)
            for name, seconds in intervals.items()
        ]
        for thread in threads:
            thread.start()
        # Signals are handled in the main thread, which only waits for them.
        while not self.stop_requested:
            time.sleep(NAP_SECONDS)
        self.stopping.set()
        for thread in threads:
            thread.join()

    def repeat(self, name, seconds):
        """Run one command every `seconds` until stopped (in the command's own thread)."""
        try:
            while not self.stop_requested:
                started = time.monotonic()
                self.run_command(name)
                self.stopping.wait(started + seconds - time.monotonic())
        finally:
            connections.close_all()  # this thread's own connections

    def run_command(self, name):
        """Run one command; True if it succeeded."""
        fresh_database_connections()
        try:
            call_command(name, stdout=self.stdout, stderr=self.stderr)
        except Exception as error:  # any failure: log it, keep the scheduler going
            logger.error(
                "Scheduled command %s failed (%s); it runs again at its next turn.",
                name,
                type(error).__name__,
            )
            return False
        return True


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
