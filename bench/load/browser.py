"""What every simulated user shares: a browser's cookies, forms and timings.

Cookies are kept by hand: production marks them Secure and the client speaks
plain HTTP to the server, with ``X-Forwarded-Proto: https`` as the reverse
proxy sends it. Redirects are followed by hand too, so that each request's
latency is measured on its own.
"""

import asyncio
import re
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import urljoin

from lxml import html

PROXY_HEADERS = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "127.0.0.1"}
EVERY = re.compile(r"every\s+(\d+(?:\.\d+)?)s")


@dataclass
class Stats:
    """What a pass measured: latencies (seconds) and the answers acknowledged."""

    latencies: list[float] = field(default_factory=list)
    answer_latencies: list[float] = field(default_factory=list)
    requests: int = 0
    errors: int = 0
    error_samples: list[str] = field(default_factory=list)
    acknowledged: set[tuple[str, str]] = field(default_factory=set)
    answers: int = 0
    polls: int = 0
    seconds: float = 0.0
    # Certification: (test URL, wall time sent, wall time received, seconds left).
    clock_readings: list[tuple[str, float, float, int]] = field(default_factory=list)

    def error(self, message: str) -> None:
        self.errors += 1
        if len(self.error_samples) < 10:
            self.error_samples.append(message)


class Pacer:
    """Hands out answer slots at a fixed rate (open model).

    Latency counts from a slot's scheduled time, not from when a learner got
    to it: a slow server cannot hide its queue by slowing the client down.
    """

    def __init__(self, rate: float):
        self.interval = 1 / rate
        self.start = time.perf_counter()
        self.issued = 0

    async def slot(self) -> float:
        scheduled = self.start + self.issued * self.interval
        self.issued += 1
        delay = scheduled - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        return scheduled


def poll_interval(element, default: float) -> float:
    """Return the seconds of an ``hx-trigger="every Ns"``, else ``default``."""
    found = EVERY.search(element.get("hx-trigger") or "")
    return float(found.group(1)) if found else default


class Browser:
    """One user's browser: its cookies, its requests and the pages' forms."""

    def __init__(self, session, base: str, stats: Stats, rng):
        self.http, self.base = session, base
        self.stats, self.rng = stats, rng
        self.cookies: dict[str, str] = {}

    def _headers(self, extra=None) -> dict:
        headers = dict(PROXY_HEADERS)
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if extra:
            headers.update(extra)
        return headers

    def _keep_cookies(self, response) -> None:
        for header in response.headers.getall("Set-Cookie", []):
            cookie = SimpleCookie()
            cookie.load(header)
            for name, morsel in cookie.items():
                if morsel["max-age"] == "0" or morsel.value == "":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value

    async def request(self, method, path, *, data=None, htmx=False, since=None):
        """Send a request, following redirects by hand; return (url, text, headers)."""
        url = urljoin(self.base, path)
        started = time.perf_counter()
        extra = {}
        if method == "POST":
            extra["Origin"] = "https://" + self.base.split("//", 1)[1].rstrip("/")
            extra["Referer"] = url.replace("http://", "https://", 1)
        if htmx:
            extra.update({"HX-Request": "true", "HX-Current-URL": url})
        for _ in range(5):
            async with self.http.request(
                method,
                url,
                data=data,
                headers=self._headers(extra),
                allow_redirects=False,
            ) as response:
                text = await response.text()
                self._keep_cookies(response)
                self.stats.requests += 1
                elapsed = time.perf_counter() - (since or started)
                self.stats.latencies.append(elapsed)
                since, started = None, time.perf_counter()
                if response.status in (301, 302, 303):
                    url = urljoin(url, response.headers["Location"])
                    url = url.replace("https://", "http://", 1)
                    method, data, extra = "GET", None, {}
                    continue
                if response.status != 200:
                    raise RuntimeError(f"{method} {url}: HTTP {response.status}")
                return url, text, response.headers
        raise RuntimeError(f"{url}: too many redirects")

    def _csrf(self, page) -> str:
        token = page.xpath("//input[@name='csrfmiddlewaretoken']/@value")
        return token[0] if token else self.cookies.get("csrftoken", "")

    async def log_in(self, username: str, password: str) -> str:
        """Log in through the login form; return the page it leads to."""
        url, text, _ = await self.request("GET", "/connexion/")
        page = html.fromstring(text)
        data = {
            "csrfmiddlewaretoken": self._csrf(page),
            "username": username,
            "password": password,
        }
        url, text, _ = await self.request("POST", "/connexion/", data=data)
        if "/connexion/" in url:
            raise RuntimeError(f"{username} could not log in")
        return text

    def fill(self, form) -> list[tuple[str, object]]:
        """Answer a challenge form: one option of each group, a word in each field."""
        data: dict[str, object] = {}
        radios: dict[str, list[str]] = {}
        boxes: dict[str, list[str]] = {}
        for element in form.xpath(".//input|.//textarea|.//select"):
            name = element.get("name")
            if not name:
                continue
            kind = (element.get("type") or "text").lower()
            if element.tag == "select":
                options = [o for o in element.xpath(".//option/@value") if o]
                if options:
                    data[name] = self.rng.choice(options)
            elif kind == "radio":
                radios.setdefault(name, []).append(element.get("value", "on"))
            elif kind == "checkbox":
                boxes.setdefault(name, []).append(element.get("value", "on"))
            elif kind in ("hidden",):
                data[name] = element.get("value", "")
            elif kind in ("submit", "button"):
                continue
            else:
                data[name] = self.rng.choice(["1", "oui", "a", "10", "Paris"])
        for name, values in radios.items():
            data[name] = self.rng.choice(values)
        pairs = list(data.items())
        for name, values in boxes.items():
            for value in self.rng.sample(values, k=self.rng.randint(1, len(values))):
                pairs.append((name, value))
        pairs.append(("validate", ""))
        return pairs
