"""The processes the HTTP benchmark runs and measures: gunicorn, nginx, PostgreSQL backends.

CPU time comes from ``/proc/<pid>/stat`` (utime + stime, in clock ticks): a server's is
the sum over its master and its live workers, plus what the master has collected from
workers that exited (cutime + cstime), so a worker restarted mid-run is still counted.
"""

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TICKS = os.sysconf("SC_CLK_TCK")
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
HAS_NGINX = os.access(NGINX, os.X_OK)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _stat(pid):
    """(parent pid, own CPU s, reaped children's CPU s) of a process, or None once gone."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # The command name may hold spaces and parentheses; the fields follow the last ")".
    fields = raw[raw.rindex(")") + 2 :].split()
    ppid = int(fields[1])
    utime, stime, cutime, cstime = (int(value) for value in fields[11:15])
    return ppid, (utime + stime) / TICKS, (cutime + cstime) / TICKS


def children(pid):
    found = []
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            stat = _stat(int(entry.name))
            if stat and stat[0] == pid:
                found.append(int(entry.name))
    return found


def tree_cpu(pid):
    """CPU seconds of a process, its live children and the children it has reaped."""
    stat = _stat(pid)
    if stat is None:
        return 0.0
    total = stat[1] + stat[2]
    for child in children(pid):
        child_stat = _stat(child)
        if child_stat:
            total += child_stat[1]
    return total


def processes_cpu(pids):
    return sum(stat[1] for stat in map(_stat, pids) if stat)


def machine_busy():
    """(busy, total) jiffies of all CPUs since boot, from /proc/stat."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = values[3] + values[4]  # idle + iowait
    return sum(values) - idle, sum(values)


def load_average():
    return Path("/proc/loadavg").read_text().split()[:3]


def wait_for(url, timeout=60, process=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (our server)
                if response.status == 200:
                    return
        except (OSError, urllib.error.URLError):
            pass
        time.sleep(0.2)
    raise TimeoutError(f"{url} did not answer 200 within {timeout} s")


class Server:
    """A server process group started by us, stopped by its own id."""

    name = "server"

    def __init__(self):
        self.process = None
        self.port = free_port()
        self.log = tempfile.NamedTemporaryFile(  # noqa: SIM115 (kept open while it runs)
            prefix=f"newsroom-bench-{self.name}-", suffix=".log", delete=False
        )

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def cpu(self):
        return tree_cpu(self.process.pid)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def clean_up(self):
        """Remove the server's files; its log is kept (and named) if it did not stop cleanly."""
        self.log.close()
        if self.process and self.process.returncode == 0:
            Path(self.log.name).unlink(missing_ok=True)
        elif self.process:
            print(f"{self.name} exited with {self.process.returncode}; log: {self.log.name}")
        shutil.rmtree(self.folder, ignore_errors=True)

    def log_tail(self, lines=30):
        with contextlib.suppress(OSError):
            return "\n".join(Path(self.log.name).read_text().splitlines()[-lines:])
        return ""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()
        self.clean_up()


class Gunicorn(Server):
    name = "gunicorn"

    def __init__(self, env, workers=2, config=None, args=()):
        """``config``: a gunicorn config file (the shipped ``deploy/gunicorn.conf.py``);
        its timeouts and limits then apply, the bind address and worker count are ours.
        ``args``: more command-line options (they override the config file's)."""
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="newsroom-bench-gunicorn-"))
        self.counter = self.folder / "requests"
        self.counter.touch()
        self.env = {**env, "BENCH_COUNTER_FILE": str(self.counter)}
        self.workers = workers
        self.config = config
        self.args = list(args)

    def handled(self):
        """Requests the server has handled so far (tests.bench.wsgi counts them)."""
        return self.counter.stat().st_size

    def drain(self, settle=0.2, timeout=300):
        """Wait until no request is being handled: neither the count nor the CPU moves.

        A load generator that stops leaves requests queued or running; they are
        served (and cost CPU) after it has gone.
        """
        deadline = time.monotonic() + timeout
        last = (self.handled(), self.cpu())
        steady_since = time.monotonic()
        while time.monotonic() < deadline:
            time.sleep(0.05)
            now = (self.handled(), self.cpu())
            if now != last:
                last, steady_since = now, time.monotonic()
            elif time.monotonic() - steady_since >= settle:
                return
        raise TimeoutError("the server kept working after the load stopped")

    def start(self):
        command = [
            str(Path(sys.executable).with_name("gunicorn")),
            "tests.bench.wsgi:application",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            str(self.workers),
            "--worker-class",
            "sync",
            "--chdir",
            str(ROOT),
        ]
        if self.config:
            command[2:2] = ["--config", str(self.config)]
        else:
            command += ["--timeout", "120"]
        command += self.args
        env = {**os.environ, **self.env, "SITE_URL": self.url}
        self.process = subprocess.Popen(  # noqa: S603 (our venv's gunicorn)
            command, cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT
        )
        try:
            wait_for(f"{self.url}/healthz", process=self.process)
            # Both workers up: the master has forked them all before they answer.
            deadline = time.monotonic() + 30
            while len(children(self.process.pid)) < self.workers:
                if time.monotonic() > deadline:
                    raise TimeoutError("gunicorn workers did not start")
                time.sleep(0.1)
        except Exception:
            self.stop()
            raise RuntimeError(f"gunicorn did not start:\n{self.log_tail()}") from None
        return self


class Worker(Server):
    """The task worker (``manage.py db_worker``, every queue), as the systemd unit runs it."""

    name = "worker"

    def __init__(self, env):
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="newsroom-bench-worker-"))
        self.env = env

    def start(self):
        command = [
            sys.executable,
            "manage.py",
            "db_worker",
            "--queue-name",
            "*",
            "--no-reload",
            "--no-startup-delay",
            "--interval",
            "0.2",
        ]
        env = {**os.environ, **self.env}
        self.process = subprocess.Popen(  # noqa: S603 (our interpreter, our manage.py)
            command, cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT
        )
        time.sleep(1)
        if self.process.poll() is not None:
            raise RuntimeError(f"the task worker did not start:\n{self.log_tail()}")
        return self


class Nginx(Server):
    """nginx serving a folder of static files, as a reverse proxy's cache would."""

    name = "nginx"

    def __init__(self, root, workers=2):
        super().__init__()
        self.root = Path(root)
        self.workers = workers
        self.folder = Path(tempfile.mkdtemp(prefix="newsroom-bench-nginx-"))

    def start(self):
        config = self.folder / "nginx.conf"
        temp = self.folder / "temp"
        temp.mkdir()
        config.write_text(
            f"""
worker_processes {self.workers};
daemon off;
pid {self.folder / "nginx.pid"};
error_log {self.log.name} warn;
{"user root;" if os.geteuid() == 0 else ""}
events {{ worker_connections 1024; }}
http {{
    access_log off;
    default_type text/html;
    sendfile on;
    keepalive_requests 100000;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    server {{
        listen 127.0.0.1:{self.port};
        root {self.root};
        index index.html;
        location = /healthz {{ return 200 "ok"; }}
    }}
}}
"""
        )
        self.process = subprocess.Popen(  # noqa: S603 (the system's nginx, our config)
            [NGINX, "-c", str(config), "-p", str(self.folder)],
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_for(f"{self.url}/healthz", process=self.process)
        except Exception:
            self.stop()
            raise RuntimeError(f"nginx did not start:\n{self.log_tail()}") from None
        return self


DEPLOY_NGINX = ROOT / "deploy" / "nginx"


def _block(text, opening):
    """The text of the ``{ … }`` block that starts at ``opening`` in text (braces matched)."""
    start = text.index(opening) + len(opening)
    depth = 1
    for index in range(start, len(text)):
        depth += {"{": 1, "}": -1}.get(text[index], 0)
        if depth == 0:
            return text[start:index]
    raise ValueError(f"unclosed block after {opening!r}")


class MicroCache(Nginx):
    """nginx in front of a gunicorn with the shipped micro-cache (deploy/nginx/newsroom.conf).

    The cache zone, the maps and the ``location /`` block are taken from the shipped
    site as they are, served over plain HTTP on 127.0.0.1 (as nginx static is), with
    the upstream pointed at the benchmark's gunicorn.
    """

    name = "nginx-microcache"

    def __init__(self, upstream_port, workers=2):
        super().__init__(root=tempfile.gettempdir(), workers=workers)
        self.upstream_port = upstream_port

    def start(self):
        site = (DEPLOY_NGINX / "newsroom.conf").read_text()
        cache_path = site[
            site.index("proxy_cache_path") : site.index(";", site.index("proxy_cache_path")) + 1
        ]
        cache_path = cache_path.replace("/var/cache/nginx/newsroom", str(self.folder / "cache"))
        maps = "\n".join(
            "map "
            + chunk.split("{", 1)[0].strip()
            + " {"
            + _block(site, "map " + chunk.split("{", 1)[0].strip() + " {")
            + "}"
            for chunk in site.split("\nmap ")[1:]
        )
        location = _block(site[site.index("listen 443") :], "location / {").replace(
            "/etc/nginx/proxy_params_newsroom", str(DEPLOY_NGINX / "proxy_params_newsroom")
        )
        config = self.folder / "nginx.conf"
        temp = self.folder / "temp"
        temp.mkdir()
        config.write_text(
            f"""
worker_processes {self.workers};
daemon off;
pid {self.folder / "nginx.pid"};
error_log {self.log.name} warn;
{"user root;" if os.geteuid() == 0 else ""}
events {{ worker_connections 1024; }}
http {{
    access_log off;
    keepalive_requests 100000;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    {cache_path}
    {maps}
    upstream newsroom_app {{
        server 127.0.0.1:{self.upstream_port};
        keepalive 32;
    }}
    server {{
        listen 127.0.0.1:{self.port};
        location = /healthz {{ return 200 "ok"; }}
        location / {{{location}}}
    }}
}}
"""
        )
        self.process = subprocess.Popen(  # noqa: S603 (the system's nginx, our config)
            [NGINX, "-c", str(config), "-p", str(self.folder)],
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_for(f"{self.url}/healthz", process=self.process)
        except Exception:
            self.stop()
            raise RuntimeError(f"nginx did not start:\n{self.log_tail()}") from None
        return self


class DatabaseCpu:
    """CPU of the PostgreSQL backends serving the benchmark's database during a load run.

    Attributed: every backend connected to the benchmark's database except the test
    process's own (nothing else uses that database), including parallel query workers.
    A sampler reads their utime + stime every 0.1 s; a backend's share is its last
    reading minus its reading at the start (zero for one that appeared during the run,
    such as a parallel worker or a connection reopened after CONN_MAX_AGE). A backend
    that exits loses at most its last 0.1 s: the figure is a lower bound.
    """

    def __init__(self, connection, interval=0.1):
        self.connection = connection
        self.interval = interval
        self.stop_event = threading.Event()
        self.last = {}
        self.start_cpu = {}
        self.parallel = set()
        self.thread = None
        self.seconds = 0.0

    def _backends(self, cursor, own):
        cursor.execute(
            "SELECT pid, leader_pid FROM pg_stat_activity "
            "WHERE datname = current_database() AND NOT (pid = ANY(%s))",
            [list(own)],
        )
        return cursor.fetchall()

    def _read(self, rows):
        for pid, leader in rows:
            stat = _stat(pid)
            if stat:
                self.last[pid] = stat[1]
                if leader is not None and leader != pid:
                    self.parallel.add(pid)

    def __enter__(self):
        from django.db import connections

        self.sampler = connections.create_connection("default")
        self.sampler.inc_thread_sharing()  # opened here, read by the sampling thread
        self.sampler.connect()
        with self.connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            main = cursor.fetchone()[0]
        with self.sampler.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            self.own = {main, cursor.fetchone()[0]}
            self._read(self._backends(cursor, self.own))
        self.start_cpu = dict(self.last)
        self.thread = threading.Thread(target=self._sample, daemon=True)
        self.thread.start()
        return self

    def _sample(self):
        with self.sampler.cursor() as cursor:
            while not self.stop_event.wait(self.interval):
                self._read(self._backends(cursor, self.own))
            self._read(self._backends(cursor, self.own))

    def __exit__(self, *exc):
        self.stop_event.set()
        self.thread.join()
        self.sampler.close()
        self.sampler.dec_thread_sharing()
        self.seconds = sum(cpu - self.start_cpu.get(pid, 0.0) for pid, cpu in self.last.items())
        self.parallel_workers = len(self.parallel)
