"""Every link a person is shown works: signed in as each demo role (and signed out), follow
every link on every page reachable from the home page and the dashboard. No page may fail
(5xx), no link may lead nowhere (404), and no link may lead to a page that refuses the person
who was shown it (403) — a page we link to must be one they may open."""

from __future__ import annotations

import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

from django.test import Client

from safeguarding.accounts.models import User
from safeguarding.demo import data

# Links that change state or leave the platform's own pages are not followed.
NOT_FOLLOWED = ("/accounts/sign-out", "/admin/", "/static/", "/media/", "mailto:", "tel:")
PAGES_PER_ROLE = 600
# A top-level item of the service navigation (account links and sign-out are apart).
TOP_LEVEL = r'<li class="govuk-service-navigation__item(?! app-account)[^"]*">\s*<a'


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        if tag == "a":
            href = dict(attrs).get("href") or ""
            if href.startswith("/") and not href.startswith("//"):
                self.links.append(urldefrag(href)[0])


def _shape(url: str) -> str:
    """One visit per page shape: /reviews/12/ and /reviews/13/ with the same query keys are
    the same page to check, so the crawl covers every kind of page without visiting all."""
    parts = urlsplit(url)
    path = "/".join("N" if piece.isdigit() else piece for piece in parts.path.split("/"))
    keys = sorted({pair.split("=")[0] for pair in parts.query.split("&") if pair})
    return f"{path}?{'&'.join(keys)}"


def _crawl(client: Client, starts: list[str]) -> tuple[int, list[str]]:
    queue = deque((start, "(start)") for start in starts)
    seen_shapes: set[str] = set()
    problems: list[str] = []
    visited = 0
    while queue and visited < PAGES_PER_ROLE:
        url, found_on = queue.popleft()
        shape = _shape(url)
        if shape in seen_shapes or url.startswith(NOT_FOLLOWED):
            continue
        seen_shapes.add(shape)
        response = client.get(url)
        visited += 1
        if response.status_code >= 400:
            problems.append(f"{response.status_code} {url} (linked from {found_on})")
            continue
        if response.status_code in (301, 302):
            continue
        if "text/html" not in response.get("Content-Type", ""):
            continue
        parser = _Links()
        parser.feed(response.content.decode())
        queue.extend((link, url) for link in parser.links)
    return visited, problems


def test_every_link_shown_to_each_role_opens():
    problems: list[str] = []
    for email in [None, *[account["email"] for account in data.ACCOUNTS]]:
        client = Client()
        if email:
            client.force_login(User.objects.get(email=email))
        start = client.get("/dashboard/" if email else "/").content.decode()
        top_level = re.findall(TOP_LEVEL, start)
        assert 1 < len(top_level) <= 7, f"{email or 'the public'}: {top_level}"
        visited, found = _crawl(client, ["/", "/dashboard/"] if email else ["/"])
        assert visited > 10, f"only {visited} pages reached for {email or 'the public'}"
        problems += [f"{email or 'the public'}: {problem}" for problem in found]
    assert problems == [], f"{len(problems)} broken link(s):\n" + "\n".join(problems[:60])
