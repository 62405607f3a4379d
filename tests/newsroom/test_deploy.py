"""The deployment kit in deploy/: nginx site, gunicorn config, systemd units.

The nginx site is checked with `nginx -t` after its paths are moved into a
temporary folder, then served for real in front of a small counting upstream to
show what the micro-cache, the redirects, the body limit and the static rules do.
"""

import datetime as dt
import http.client
import http.server
import os
import runpy
import shutil
import socket
import ssl
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
HOST = "congan.example.vn"

needs_nginx = pytest.mark.skipif(NGINX is None, reason="nginx is not installed")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def self_signed(folder):
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, HOST)])
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    folder.mkdir(parents=True)
    (folder / "fullchain.pem").write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    (folder / "privkey.pem").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )


def install_site(tmp, http_port=80, https_port=443, upstream_port=8000):
    """The shipped site with every path moved under ``tmp``, plus a main nginx.conf."""
    for folder in ("srv/static", "srv/media", "cache", "log", "acme", "temp"):
        (tmp / folder).mkdir(parents=True, exist_ok=True)
    self_signed(tmp / "tls")
    site = (DEPLOY / "nginx" / "newsroom.conf").read_text()
    for shipped, moved in {
        "/srv/newsroom": f"{tmp}/srv",
        "/var/cache/nginx/newsroom": f"{tmp}/cache",
        "/var/log/nginx/": f"{tmp}/log/",
        f"/etc/letsencrypt/live/{HOST}/": f"{tmp}/tls/",
        "/etc/nginx/proxy_params_newsroom": f"{tmp}/proxy_params_newsroom",
        "/var/www/letsencrypt": f"{tmp}/acme",
        "listen 80;": f"listen 127.0.0.1:{http_port};",
        "listen 443 ssl http2;": f"listen 127.0.0.1:{https_port} ssl http2;",
        "server 127.0.0.1:8000": f"server 127.0.0.1:{upstream_port}",
    }.items():
        assert shipped in site, shipped
        site = site.replace(shipped, moved)
    site = "\n".join(line for line in site.splitlines() if "listen [::]" not in line)
    (tmp / "newsroom.conf").write_text(site)
    shutil.copy(DEPLOY / "nginx" / "proxy_params_newsroom", tmp / "proxy_params_newsroom")
    temp = tmp / "temp"
    user = "user root;\n" if os.geteuid() == 0 else ""
    (tmp / "nginx.conf").write_text(
        f"""{user}worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/log/error.log;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    access_log {tmp}/log/access.log;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    include {tmp}/newsroom.conf;
}}
"""
    )
    return tmp / "nginx.conf"


@needs_nginx
def test_the_shipped_nginx_site_passes_nginx_t(tmp_path):
    config = install_site(tmp_path)
    result = subprocess.run(  # noqa: S603
        [NGINX, "-t", "-p", str(tmp_path), "-c", str(config)],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "syntax is ok" in result.stderr


# --- the site served for real ---------------------------------------------------


class Upstream(http.server.ThreadingHTTPServer):
    """Stands in for gunicorn: counts requests per path, echoes what nginx forwarded."""

    daemon_threads = True

    def __init__(self):
        self.hits = {}
        self.seen_headers = {}
        super().__init__(("127.0.0.1", 0), UpstreamHandler)


class UpstreamHandler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.server.hits[self.path] = self.server.hits.get(self.path, 0) + 1
        self.server.seen_headers[self.path] = dict(self.headers)
        body = f"trang {self.path} lan {self.server.hits[self.path]}".encode()
        self.send_response(200)
        if self.path.startswith("/rieng/"):  # what the application sends for a preview
            self.send_header("Cache-Control", "private, no-store")
        elif self.path.startswith("/cdn/"):  # a public page: a CDN may keep it a minute
            self.send_header("Cache-Control", "public, max-age=0, s-maxage=60")
            # newsroom.pagecache: nginx keeps it to the end of this second only.
            self.send_header("X-Accel-Expires", f"@{int(time.time())}")
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_HEAD = do_GET

    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        self.rfile.read(length)
        self.do_GET()

    def log_message(self, *args):
        pass


@pytest.fixture
def served(tmp_path):
    upstream = Upstream()
    threading.Thread(target=upstream.serve_forever, daemon=True).start()
    http_port, https_port = free_port(), free_port()
    config = install_site(tmp_path, http_port, https_port, upstream.server_address[1])
    server = subprocess.Popen(  # noqa: S603
        [NGINX, "-p", str(tmp_path), "-c", str(config), "-g", "daemon off;"],
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        assert server.poll() is None, server.stderr.read().decode()
        try:
            socket.create_connection(("127.0.0.1", https_port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.1)
    try:
        yield tmp_path, upstream, http_port, https_port
    finally:
        server.terminate()
        server.wait(timeout=10)
        upstream.shutdown()


def fetch(port, path, method="GET", tls=True, headers=None, body=None):
    if tls:
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        connection = http.client.HTTPSConnection("127.0.0.1", port, context=context, timeout=10)
    else:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request(method, path, body=body, headers={"Host": HOST, **(headers or {})})
    response = connection.getresponse()
    content = response.read()
    connection.close()
    return response, content


@needs_nginx
def test_plain_http_is_sent_to_https(served):
    _, _, http_port, _ = served
    response, _ = fetch(http_port, "/bai-viet/x/?a=1", tls=False)
    assert response.status == 301
    assert response.getheader("Location") == f"https://{HOST}/bai-viet/x/?a=1"


@needs_nginx
def test_anonymous_pages_come_from_the_micro_cache(served):
    _, upstream, _, https_port = served
    for _ in range(5):
        response, content = fetch(https_port, "/bai-viet/hoi-nghi/")
        assert response.status == 200
    assert content == b"trang /bai-viet/hoi-nghi/ lan 1"
    assert upstream.hits["/bai-viet/hoi-nghi/"] == 1
    assert response.getheader("X-Cache-Status") == "HIT"


@needs_nginx
def test_answers_the_application_marks_private_are_never_cached(served):
    _, upstream, _, https_port = served
    for _ in range(3):
        fetch(https_port, "/rieng/bai-nhap/")
    assert upstream.hits["/rieng/bai-nhap/"] == 3


@needs_nginx
def test_the_micro_cache_keeps_a_page_one_second_whatever_a_cdn_is_told(served):
    """A publication shows through nginx within a second: its copy is a second old at most."""
    _, upstream, _, https_port = served
    while time.time() % 1 > 0.5:  # both requests in the same second
        time.sleep(0.05)
    fetch(https_port, "/cdn/trang-chu/")
    response, _ = fetch(https_port, "/cdn/trang-chu/")
    assert upstream.hits["/cdn/trang-chu/"] == 1
    assert response.getheader("X-Accel-Expires") is None  # nginx keeps it to itself
    time.sleep(1.0)
    _, content = fetch(https_port, "/cdn/trang-chu/")
    assert upstream.hits["/cdn/trang-chu/"] == 2
    assert content == b"trang /cdn/trang-chu/ lan 2"


@needs_nginx
@pytest.mark.parametrize("cookie", ["sessionid=abc", "csrftoken=xyz", "theme=dark; sessionid=abc"])
def test_a_signed_in_editor_bypasses_the_micro_cache(served, cookie):
    _, upstream, _, https_port = served
    fetch(https_port, "/")
    for _ in range(3):
        fetch(https_port, "/", headers={"Cookie": cookie})
    assert upstream.hits["/"] == 4


@needs_nginx
@pytest.mark.parametrize("path", ["/admin/", "/soan-thao/anh/1/", "/xem-truoc/token/"])
def test_staff_paths_are_never_cached(served, path):
    _, upstream, _, https_port = served
    for _ in range(3):
        fetch(https_port, path)
    assert upstream.hits[path] == 3


@needs_nginx
def test_the_application_learns_the_client_address_and_scheme(served):
    _, upstream, _, https_port = served
    fetch(https_port, "/admin/", headers={"X-Forwarded-For": "6.6.6.6"})
    seen = upstream.seen_headers["/admin/"]
    assert seen["X-Forwarded-Proto"] == "https"
    assert seen["X-Forwarded-For"] == "6.6.6.6, 127.0.0.1"  # the last hop is nginx's own
    assert seen["Host"] == HOST


@needs_nginx
def test_bodies_over_the_photo_limit_are_refused_by_nginx(served):
    _, upstream, _, https_port = served
    response, _ = fetch(
        https_port,
        "/soan-thao/tai-anh/",
        method="POST",
        headers={"Content-Length": str(31 * 1024 * 1024)},
        body=b"",
    )
    assert response.status == 413
    assert "/soan-thao/tai-anh/" not in upstream.hits


@needs_nginx
def test_hashed_static_files_are_immutable_and_others_short_lived(served):
    root, _, _, https_port = served
    (root / "srv/static/css").mkdir(parents=True)
    (root / "srv/static/css/site.0123456789ab.css").write_text("body{}")
    (root / "srv/static/css/site.css").write_text("body{}")
    hashed, _ = fetch(https_port, "/static/css/site.0123456789ab.css")
    plain, _ = fetch(https_port, "/static/css/site.css")
    assert hashed.status == plain.status == 200
    assert hashed.getheader("Cache-Control") == "public, max-age=31536000, immutable"
    assert "immutable" not in plain.getheader("Cache-Control")


@needs_nginx
def test_media_is_served_but_partial_uploads_are_not(served):
    root, upstream, _, https_port = served
    (root / "srv/media/anh").mkdir(parents=True)
    (root / "srv/media/anh/goc.jpg").write_bytes(b"\xff\xd8anh")
    (root / "srv/media/anh/.partial-1a2b-goc.jpg").write_bytes(b"\xff\xd8nua")
    photo, content = fetch(https_port, "/media/anh/goc.jpg")
    partial, _ = fetch(https_port, "/media/anh/.partial-1a2b-goc.jpg")
    assert photo.status == 200
    assert content == b"\xff\xd8anh"
    assert photo.getheader("X-Content-Type-Options") == "nosniff"
    assert partial.status == 404
    assert not upstream.hits


# --- gunicorn and systemd -----------------------------------------------------------


def test_gunicorn_config_sizes_workers_and_timeouts(monkeypatch):
    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    monkeypatch.delenv("GUNICORN_TIMEOUT", raising=False)
    config = runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))
    assert config["workers"] == (os.cpu_count() or 1) * 2 + 1
    assert config["timeout"] >= 120  # a 25 MB upload with its renditions
    assert config["limit_request_line"] <= 8190
    assert config["limit_request_fields"] <= 100
    assert config["limit_request_field_size"] <= 8190
    assert config["bind"] == "127.0.0.1:8000"
    monkeypatch.setenv("WEB_CONCURRENCY", "3")
    assert runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))["workers"] == 3


def test_gunicorn_accepts_the_config_with_the_production_settings():
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings.production",
        "SECRET_KEY": "k" * 60,
        "ALLOWED_HOSTS": HOST,
        "REDIS_URL": "redis://127.0.0.1:6379/5",
    }
    result = subprocess.run(  # noqa: S603
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "--check-config",
            "--config",
            "deploy/gunicorn.conf.py",
            "newsroom.wsgi:application",
        ],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr


UNITS = sorted((DEPLOY / "systemd").glob("*.service")) + sorted(
    (DEPLOY / "systemd").glob("*.timer")
)


@pytest.mark.parametrize("unit", UNITS, ids=lambda path: path.name)
def test_systemd_units_run_commands_that_exist(unit):
    text = unit.read_text()
    for line in text.splitlines():
        if line.startswith("ExecStart=") and "manage.py" in line:
            command = line.split("manage.py", 1)[1].split()[0]
            assert command in {"backup", "db_worker", "run_periodic"}, command
    if unit.suffix == ".service":
        assert "EnvironmentFile=/etc/newsroom/newsroom.env" in text
        assert "User=newsroom" in text


@pytest.mark.skipif(not shutil.which("systemd-analyze"), reason="systemd-analyze is missing")
def test_systemd_units_parse(tmp_path):
    for unit in UNITS:
        shutil.copy(unit, tmp_path / unit.name)
    result = subprocess.run(  # noqa: S603
        [
            shutil.which("systemd-analyze"),
            "verify",
            "--man=no",
            *sorted(map(str, tmp_path.iterdir())),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    # The programs live under /srv/newsroom/app/.venv on a server, not here.
    problems = [
        line
        for line in result.stderr.splitlines()
        if line.strip() and "is not executable" not in line
    ]
    assert not problems, result.stderr


def test_the_wsgi_module_freezes_the_loaded_application():
    """Each worker moves what it loaded out of the cyclic collector's sight (issue 13)."""
    import gc

    import newsroom.wsgi  # noqa: F401

    assert gc.get_freeze_count() > 0
