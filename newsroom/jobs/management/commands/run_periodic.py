import signal
import time

from django.core.management.base import BaseCommand
from django.db import DatabaseError, close_old_connections

from newsroom.jobs import periodic


class Command(BaseCommand):
    help = "Enqueue periodic jobs when they are due (runs until stopped; --once for cron)."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="check once and exit")
        parser.add_argument(
            "--interval", type=float, default=15.0, help="seconds between checks (default 15)"
        )

    def handle(self, *args, once=False, interval=15.0, **options):
        self.running = True
        if not once:
            signal.signal(signal.SIGTERM, self._stop)
            signal.signal(signal.SIGINT, self._stop)
            self.stdout.write(
                f"Periodic jobs: {', '.join(sorted(periodic.registry)) or 'none'} "
                f"(checking every {interval:g} s)"
            )
        while self.running:
            if not once:
                # Between rounds, as Django does between requests: drop a connection
                # the database closed (restart, failover) instead of failing on it.
                close_old_connections()
            try:
                for name in periodic.tick():
                    self.stdout.write(f"enqueued {name}")
            except DatabaseError as error:
                # The database is away (restart, failover): try again next round.
                self.stderr.write(f"database unavailable, will retry: {error}")
            if once:
                return
            self._sleep(interval)

    def _stop(self, signum, frame):
        self.running = False

    def _sleep(self, seconds):
        deadline = time.monotonic() + seconds
        while self.running and time.monotonic() < deadline:
            time.sleep(min(0.2, deadline - time.monotonic()))
