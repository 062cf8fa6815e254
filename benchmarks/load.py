"""Load benchmark: the main pages of every role under gunicorn, beside a bare Django view.

Run with ``make load`` (or ``.venv/bin/python benchmarks/load.py --help``). It is a
benchmark, not a test: it prints figures and writes them to docs/performance.md; nothing in
the suite times anything.

What it does, in one run:

1. Prepares a database: the one ``DATABASE_URL`` names (already loaded), or a fresh SQLite
   file in a temporary directory with the demo partnership loaded (``safeguarding demo``,
   ``--scale N`` passed on when given).
2. Collects static files and starts gunicorn with the *production* settings (``DEBUG`` off,
   HTTPS-only cookies; the benchmark sends ``X-Forwarded-Proto: https`` as a proxy would),
   ``--workers`` processes, ``--instances`` servers on one database.
3. Starts a second gunicorn the same way serving the floor: one view that returns a short
   response, behind the same settings and middleware (``benchmarks/floor_settings.py``).
4. Signs in as each role through the sign-in page, checks that every page answers 200 for
   that role (an error page would be measured otherwise), then drives each page with ``wrk``
   at ``--clients`` concurrent connections for ``--duration`` seconds, one page at a time.
5. Prints requests/s, p50, p95 and p99 per page and each page's share of the floor's
   requests/s, and writes the table into docs/performance.md between markers.

``wrk`` is Debian's package (``make load`` installs it when missing). The load generator
runs on the same machine as the server, as a second process; on a 2-core machine it takes a
share of the CPU, which the figures include (the floor is measured under the same handicap).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import html.parser
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
DOC = ROOT / "docs" / "performance.md"
BEGIN = "<!-- load-benchmark:begin -->"
END = "<!-- load-benchmark:end -->"

WRK_SCRIPT = """
done = function(summary, latency, requests)
  io.write(string.format("RESULT %d %d %d %d %d %d %d\\n",
    summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95), latency:percentile(99),
    summary.errors.status, summary.errors.connect + summary.errors.read
      + summary.errors.write + summary.errors.timeout))
end
"""

ROLES = {
    "public": None,
    "business unit": "business-unit@demo.example",
    "agency lead": "agency-lead@demo.example",
    "practitioner": "practitioner@demo.example",
    "CDOP chair": "cdop@demo.example",
}


@dataclass
class Page:
    label: str
    role: str
    path: str


@dataclass
class Result:
    page: Page
    requests_per_second: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    errors: int


class Stop(Exception):
    """A reason the run cannot go on, printed as is."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20, help="concurrent connections")
    parser.add_argument("--duration", type=int, default=10, help="seconds per page")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per server")
    parser.add_argument(
        "--instances", type=int, default=1, help="gunicorn servers on the one database"
    )
    parser.add_argument(
        "--scale",
        default="",
        help="passed to `safeguarding demo --scale` when this run loads its own database",
    )
    parser.add_argument("--pages", default="", help="only pages whose label contains this")
    parser.add_argument(
        "--no-write", action="store_true", help="print the table, leave docs/performance.md"
    )
    args = parser.parse_args(argv)
    try:
        return run(args)
    except Stop as stop:
        print(f"load benchmark stopped: {stop}", file=sys.stderr)
        return 2


def run(args: argparse.Namespace) -> int:
    wrk = shutil.which("wrk")
    if not wrk:
        raise Stop("wrk is not installed. `make load` installs it (Debian: apt-get install wrk).")
    with tempfile.TemporaryDirectory(prefix="sg-load-") as tmp:
        workdir = Path(tmp)
        env = _environment(workdir)
        _prepare_database(env, args.scale)
        pages = _pages(env)
        args.data = _describe(env)
        if args.pages:
            pages = [p for p in pages if args.pages.lower() in p.label.lower()]
        with contextlib.ExitStack() as stack:
            floor_port = stack.enter_context(_server(env, args.workers, floor=True))
            ports = [stack.enter_context(_server(env, args.workers)) for _ in range(args.instances)]
            script = workdir / "report.lua"
            script.write_text(WRK_SCRIPT)
            _check(floor_port, Page("floor", "public", "/"), {})
            floor = _drive(
                wrk, script, f"http://127.0.0.1:{floor_port}/", {}, args.clients, args.duration
            )
            print(_line("floor: a bare Django view", floor, floor))
            cookies = {
                role: _sign_in(ports[0], email, env["DEMO_PASSWORD"])
                for role, email in ROLES.items()
                if email
            }
            results = []
            for page in pages:
                headers = {}
                if page.role != "public":
                    headers["Cookie"] = cookies[page.role]
                _check(ports[0], page, headers)
                urls = [f"http://127.0.0.1:{port}{page.path}" for port in ports]
                figures = _drive_all(wrk, script, urls, headers, args.clients, args.duration)
                result = Result(page, *figures)
                results.append(result)
                print(_line(f"{page.label} ({page.role})", figures, floor))
        table = _table(results, floor, args)
        print()
        print(table)
        if not args.no_write:
            _write(table)
            print(f"\nWritten to {DOC.relative_to(ROOT)}")
    return 0


def _environment(workdir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("DATABASE_URL", f"sqlite:///{workdir / 'load.sqlite3'}")
    env["SAFEGUARDING_DATA_DIR"] = str(workdir)
    env["DEMO_PASSWORD"] = env.get("DEMO_PASSWORD") or secrets.token_urlsafe(16)
    env["SECRET_KEY"] = secrets.token_urlsafe(64)
    env["ALLOWED_HOSTS"] = "127.0.0.1,localhost"
    env["DEBUG"] = "false"
    env["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(ROOT / "benchmarks"), env.get("PYTHONPATH")])
    )
    return env


def _safeguarding(env: dict[str, str], *arguments: str, settings: str | None = None) -> None:
    command_env = dict(env)
    command_env["DJANGO_SETTINGS_MODULE"] = settings or "safeguarding.config.settings.production"
    completed = subprocess.run(
        [str(BIN / "safeguarding"), *arguments],
        env=command_env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if completed.returncode:
        raise Stop(f"`safeguarding {' '.join(arguments)}` failed:\n{completed.stderr[-2000:]}")


def _prepare_database(env: dict[str, str], scale: str) -> None:
    started = time.perf_counter()
    _safeguarding(env, "migrate", "--noinput", "--verbosity", "0")
    demo = ["demo", *(["--scale", scale] if scale else [])]
    _safeguarding(env, *demo)
    _safeguarding(env, "collectstatic", "--noinput", "--verbosity", "0")
    _load_pages(env, "--analyze", failure="could not refresh the planner's statistics")
    vendor = env["DATABASE_URL"].split(":")[0]
    print(f"database ready in {time.perf_counter() - started:.0f} s ({vendor})")


def _load_pages(env: dict[str, str], *arguments: str, failure: str) -> str:
    """Run benchmarks/load_pages.py against the database (pages, a description, ANALYZE)."""
    completed = subprocess.run(
        [str(BIN / "python"), str(ROOT / "benchmarks" / "load_pages.py"), *arguments],
        env={**env, "DJANGO_SETTINGS_MODULE": "safeguarding.config.settings.production"},
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if completed.returncode:
        raise Stop(f"{failure}:\n{completed.stderr[-2000:]}")
    return completed.stdout


def _describe(env: dict[str, str]) -> str:
    """What the database holds (partnerships, agencies, ...), for the table's heading."""
    return _load_pages(env, "--describe", failure="could not count what the database holds").strip()


def _pages(env: dict[str, str]) -> list[Page]:
    """The main pages of every role, with object pages pointing at real records."""
    listed = _load_pages(env, failure="could not list the pages to drive")
    pages = []
    for line in listed.splitlines():
        label, role, path = line.split("\t")
        pages.append(Page(label, role, path))
    return pages


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def _server(env: dict[str, str], workers: int, *, floor: bool = False):
    port = _free_port()
    log = tempfile.TemporaryFile(mode="w+")
    server_env = dict(env)
    server_env["DJANGO_SETTINGS_MODULE"] = (
        "floor_settings" if floor else "safeguarding.config.settings.production"
    )
    process = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "safeguarding.config.wsgi:application",
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        env=server_env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=log,
        text=True,
        start_new_session=True,
    )
    try:
        _wait_until_up(port, process, log)
        yield port
    finally:
        # SIGQUIT: gunicorn's quick shutdown; the benchmark has nothing left to serve.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGQUIT)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def _wait_until_up(port: int, process: subprocess.Popen, log) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log.seek(0)
            raise Stop(f"gunicorn exited before serving:\n{log.read()[-2000:]}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1):
            return
        time.sleep(0.2)
    raise Stop(f"the server on port {port} is not there after 60 s")


class _Form(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.csrf = ""

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "input" and values.get("name") == "csrfmiddlewaretoken":
            self.csrf = values.get("value") or ""


def _request(url: str, *, data: bytes | None = None, headers: dict[str, str] | None = None):
    request = urllib.request.Request(
        url, data=data, headers={"X-Forwarded-Proto": "https", **(headers or {})}
    )
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        return opener.open(request, timeout=30)
    except urllib.error.HTTPError as error:
        return error


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _cookies(response, jar: dict[str, str]) -> dict[str, str]:
    for header in response.headers.get_all("Set-Cookie") or []:
        name, _, rest = header.partition("=")
        jar[name.strip()] = rest.split(";", 1)[0]
    return jar


def _cookie_header(jar: dict[str, str]) -> str:
    return "; ".join(f"{name}={value}" for name, value in jar.items())


def _sign_in(port: int, email: str, password: str) -> str:
    base = f"http://127.0.0.1:{port}"
    jar: dict[str, str] = {}
    page = _request(f"{base}/accounts/sign-in/")
    _cookies(page, jar)
    form = _Form()
    form.feed(page.read().decode())
    if not form.csrf:
        raise Stop("the sign-in page has no CSRF token; is this the platform?")
    body = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": form.csrf, "username": email, "email": email, "password": password}
    ).encode()
    answer = _request(
        f"{base}/accounts/sign-in/",
        data=body,
        headers={
            "Cookie": _cookie_header(jar),
            "Referer": f"https://127.0.0.1:{port}/accounts/sign-in/",
        },
    )
    _cookies(answer, jar)
    if answer.status not in (301, 302, 303) or not any("session" in name for name in jar):
        raise Stop(f"signing in as {email} failed (HTTP {answer.status}); is the demo loaded?")
    return _cookie_header(jar)


def _check(port: int, page: Page, headers: dict[str, str]) -> None:
    answer = _request(f"http://127.0.0.1:{port}{page.path}", headers=headers)
    if answer.status != 200:
        raise Stop(
            f"{page.label} ({page.path}) answered {answer.status} for {page.role}; "
            "a benchmark of an error page would mean nothing"
        )


def _drive(wrk, script, url, headers, clients, duration) -> tuple[float, float, float, float, int]:
    command = [wrk, "-t", "2", "-c", str(clients), "-d", f"{duration}s", "--timeout", "30s"]
    command += ["-s", str(script)]
    for name, value in {"X-Forwarded-Proto": "https", **headers}.items():
        command += ["-H", f"{name}: {value}"]
    completed = subprocess.run([*command, url], capture_output=True, text=True)
    match = re.search(r"^RESULT (\d+) (\d+) (\d+) (\d+) (\d+) (\d+) (\d+)$", completed.stdout, re.M)
    if completed.returncode or not match:
        raise Stop(f"wrk failed on {url}:\n{completed.stdout}{completed.stderr}")
    requests, micros, p50, p95, p99, bad_status, socket_errors = map(int, match.groups())
    return (
        requests / (micros / 1e6),
        p50 / 1000,
        p95 / 1000,
        p99 / 1000,
        bad_status + socket_errors,
    )


def _drive_all(wrk, script, urls, headers, clients, duration):
    """Drive several servers at once (one wrk each, clients split between them)."""
    if len(urls) == 1:
        return _drive(wrk, script, urls[0], headers, clients, duration)
    from concurrent.futures import ThreadPoolExecutor

    share = max(1, clients // len(urls))
    with ThreadPoolExecutor(len(urls)) as pool:
        runs = list(pool.map(lambda u: _drive(wrk, script, u, headers, share, duration), urls))
    return (
        sum(r[0] for r in runs),
        max(r[1] for r in runs),
        max(r[2] for r in runs),
        max(r[3] for r in runs),
        sum(r[4] for r in runs),
    )


def _line(label, figures, floor) -> str:
    rps, p50, p95, p99, errors = figures
    share = rps / floor[0] * 100 if floor[0] else 0
    return (
        f"{label:<48} {rps:8.1f} req/s  p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  "
        f"p99 {p99:7.1f} ms  {share:5.1f} % of floor  errors {errors}"
    )


def _table(results: list[Result], floor, args) -> str:
    when = datetime.date.today().isoformat()
    cpu = platform.processor() or platform.machine()
    lines = [
        f"Measured {when} on {os.cpu_count()} cores ({cpu}), gunicorn {args.workers} workers × "
        f"{args.instances} instance(s), DEBUG off, {args.clients} concurrent clients, "
        f"{args.duration} s per page, wrk on the same machine; data: {args.data}.",
        "Command: `make load` (`.venv/bin/python benchmarks/load.py`).",
        "",
        "| Page | Role | Requests/s | p50 ms | p95 ms | p99 ms | Share of floor | Errors |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
        f"| Floor: a bare Django view | public | {floor[0]:.0f} | {floor[1]:.1f} | "
        f"{floor[2]:.1f} | {floor[3]:.1f} | 100 % | {floor[4]} |",
    ]
    for r in results:
        share = r.requests_per_second / floor[0] * 100 if floor[0] else 0
        lines.append(
            f"| {r.page.label} (`{r.page.path}`) | {r.page.role} | {r.requests_per_second:.0f} | "
            f"{r.p50_ms:.1f} | {r.p95_ms:.1f} | {r.p99_ms:.1f} | {share:.1f} % | {r.errors} |"
        )
    return "\n".join(lines)


def _write(table: str) -> None:
    text = DOC.read_text()
    block = f"{BEGIN}\n{table}\n{END}"
    if BEGIN in text and END in text:
        text = re.sub(re.escape(BEGIN) + ".*?" + re.escape(END), lambda _: block, text, flags=re.S)
    else:
        text = (
            text.rstrip()
            + "\n\n## Load: every role's main pages beside the floor\n\n"
            + block
            + "\n"
        )
    DOC.write_text(text)


if __name__ == "__main__":
    sys.exit(main())
