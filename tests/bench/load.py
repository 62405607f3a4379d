"""Load generators: wrk when installed, else a small Python client; both stop by themselves.

Both keep ``connections`` keep-alive connections busy for ``duration`` seconds and
report requests, errors (connect/read/write/timeout, and status: any answer but 2xx or
3xx) and the latency percentiles of completed requests. The Python client also stops
after ``max_requests``. Both send ``User-Agent`` (default: a desktop browser's, as
readers send, so article pages count a view as they do for readers).
"""

import http.client
import json
import shutil
import subprocess
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

BROWSER = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0 Safari/537.36"
)
WRK = shutil.which("wrk")
_MARK = "BENCH-RESULT "
_WRK_SCRIPT = """
local paths = {%(paths)s}
local counter = 0
%(headers)s
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
done = function(summary, latency, requests)
  io.write(string.format(
    '%(mark)s{"requests": %%d, "duration_us": %%d, "bytes": %%d, "connect": %%d, '
    .. '"read": %%d, "write": %%d, "status": %%d, "timeout": %%d, "p50_us": %%d, '
    .. '"p99_us": %%d, "max_us": %%d}\\n',
    summary.requests, summary.duration, summary.bytes, summary.errors.connect,
    summary.errors.read, summary.errors.write, summary.errors.status,
    summary.errors.timeout, latency:percentile(50), latency:percentile(99), latency.max))
end
"""


@dataclass
class Result:
    tool: str
    requests: int
    seconds: float
    errors: dict = field(default_factory=dict)
    p50_ms: float = 0.0
    p99_ms: float = 0.0
    max_ms: float = 0.0

    @property
    def error_count(self):
        return sum(self.errors.values())

    @property
    def rps(self):
        return self.requests / self.seconds if self.seconds else 0.0

    def as_dict(self):
        return {**asdict(self), "rps": round(self.rps, 1), "error_count": self.error_count}


def run(
    base_url,
    paths,
    *,
    connections,
    duration,
    max_requests=None,
    agent=BROWSER,
    tool=None,
    timeout=None,
    headers=None,
):
    """Load ``paths`` (taken in turn) on the server at base_url.

    A request slower than ``timeout`` seconds (default: the run's length, at least 2 s)
    counts as a timeout error. ``headers`` are sent with every request (a signed-in
    user's ``Cookie``, for the admin benchmark).
    """
    tool = tool or ("wrk" if WRK else "python")
    timeout = timeout or max(2, round(duration))
    headers = {"User-Agent": agent, **(headers or {})}
    if tool == "wrk":
        return _wrk(base_url, paths, connections, duration, headers, timeout)
    return _python(base_url, paths, connections, duration, max_requests, headers, timeout)


def _lua_string(value):
    return json.dumps(value, ensure_ascii=True)


def _wrk(base_url, paths, connections, duration, headers, timeout):
    script = _WRK_SCRIPT % {
        "paths": ", ".join(_lua_string(path) for path in paths),
        "headers": "\n".join(
            f"wrk.headers[{_lua_string(name)}] = {_lua_string(value)}"
            for name, value in headers.items()
        ),
        "mark": _MARK,
    }
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
    try:
        seconds = max(1, round(duration))
        completed = subprocess.run(  # noqa: S603 (the system's wrk, our script)
            [
                WRK,
                "--threads",
                "1",
                "--connections",
                str(connections),
                "--duration",
                f"{seconds}s",
                "--timeout",
                f"{round(timeout)}s",
                "--script",
                handle.name,
                base_url,
            ],
            capture_output=True,
            text=True,
            timeout=seconds + 60,
            check=True,
        )
    finally:
        Path(handle.name).unlink()
    line = next(line for line in completed.stdout.splitlines() if line.startswith(_MARK))
    figures = json.loads(line.removeprefix(_MARK))
    errors = {k: figures[k] for k in ("connect", "read", "write", "timeout", "status")}
    return Result(
        tool="wrk",
        requests=figures["requests"],
        seconds=figures["duration_us"] / 1e6,
        errors={k: v for k, v in errors.items() if v},
        p50_ms=figures["p50_us"] / 1000,
        p99_ms=figures["p99_us"] / 1000,
        max_ms=figures["max_us"] / 1000,
    )


def _python(base_url, paths, connections, duration, max_requests, headers, timeout):
    parts = urlsplit(base_url)
    deadline = time.monotonic() + duration
    lock = threading.Lock()
    latencies, errors = [], {}
    state = {"next": 0}

    def take():
        with lock:
            if max_requests is not None and state["next"] >= max_requests:
                return None
            state["next"] += 1
            return paths[state["next"] % len(paths)]

    def error(kind):
        with lock:
            errors[kind] = errors.get(kind, 0) + 1

    def worker():
        client = None
        while time.monotonic() < deadline:
            path = take()
            if path is None:
                return
            if client is None:
                client = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
            began = time.perf_counter()
            try:
                client.request("GET", path, headers=headers)
                response = client.getresponse()
                response.read()
            except TimeoutError:
                error("timeout")
                client.close()
                client = None
                continue
            except (OSError, http.client.HTTPException):
                error("read")
                client.close()
                client = None
                continue
            elapsed = time.perf_counter() - began
            with lock:
                latencies.append(elapsed)
            if not 200 <= response.status < 400:
                error("status")
        if client is not None:
            client.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started
    ordered = sorted(latencies)

    def percentile(share):
        if not ordered:
            return 0.0
        return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))] * 1000

    return Result(
        tool="python",
        requests=len(latencies),
        seconds=seconds,
        errors=errors,
        p50_ms=percentile(0.5),
        p99_ms=percentile(0.99),
        max_ms=percentile(1.0),
    )


def get(base_url, path, headers=None, timeout=120):
    """One request: (status, headers, body bytes, wall ms)."""
    parts = urlsplit(base_url)
    client = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        began = time.perf_counter()
        client.request("GET", path, headers={"User-Agent": BROWSER, **(headers or {})})
        response = client.getresponse()
        body = response.read()
        wall = (time.perf_counter() - began) * 1000
        return response.status, dict(response.getheaders()), body, wall
    finally:
        client.close()


class Browser:
    """One user's session on the server: cookies kept, forms and files posted (http.client).

    It keeps the cookies it is given whatever their ``Secure`` flag (the production
    settings mark them so; the benchmark talks plain HTTP to 127.0.0.1, as nginx does),
    and sends Django's CSRF token as a form field or, for the editor's upload, the
    ``X-CSRFToken`` header CKEditor's adapter sends.
    """

    def __init__(self, base_url, timeout=300):
        parts = urlsplit(base_url)
        self.host, self.port, self.timeout = parts.hostname, parts.port, timeout
        self.cookies = {}

    def request(self, method, path, body=None, headers=None):
        """(status, headers, body bytes, wall seconds) of one request."""
        client = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        sent = {"User-Agent": BROWSER, **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        try:
            began = time.perf_counter()
            client.request(method, path, body=body, headers=sent)
            response = client.getresponse()
            content = response.read()
            wall = time.perf_counter() - began
        finally:
            client.close()
        for header in response.headers.get_all("Set-Cookie") or ():
            pair = header.split(";", 1)[0]
            name, _, value = pair.partition("=")
            self.cookies[name.strip()] = value.strip()
        return response.status, response.headers, content, wall

    def csrf_token(self):
        return self.cookies.get("csrftoken", "")

    def post_form(self, path, fields):
        body = urlencode({**fields, "csrfmiddlewaretoken": self.csrf_token()}).encode()
        return self.request(
            "POST",
            path,
            body,
            {"Content-Type": "application/x-www-form-urlencoded", "X-CSRFToken": self.csrf_token()},
        )

    def post_file(self, path, field, filename, content, content_type="image/jpeg"):
        boundary = f"----newsroom-bench-{time.monotonic_ns()}"
        disposition = f'form-data; name="{field}"; filename="{filename}"'
        body = b"".join(
            [
                f"--{boundary}\r\n".encode(),
                f"Content-Disposition: {disposition}\r\n".encode(),
                f"Content-Type: {content_type}\r\n\r\n".encode(),
                content,
                f"\r\n--{boundary}--\r\n".encode(),
            ]
        )
        return self.request(
            "POST",
            path,
            body,
            {
                "Content-Type": f"multipart/form-data; boundary={boundary}",
                "X-CSRFToken": self.csrf_token(),
                "X-Requested-With": "XMLHttpRequest",
            },
        )
