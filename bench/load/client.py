"""Simulated learners driving the whole learner flow over HTTP, as a browser does.

Each learner logs in, opens the profile, starts a competence, answers until
the result (the answer is posted as htmx posts it, so one request records the
answer and returns the next challenge), reads and acknowledges a checkpoint
every five answers, reads the result and the profile again, then takes the
next competence. Forms are read from the pages (CSRF token, fields, buttons):
nothing of the site's internals is assumed beyond its markup, so the client
follows the pages wherever the flow leads (a timed challenge's warning screen,
a final checkpoint).

Cookies are kept by hand: production marks them Secure and the client speaks
plain HTTP to the server, with ``X-Forwarded-Proto: https`` as the reverse
proxy sends it.
"""

import asyncio
import random
import re
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import urljoin

import aiohttp
from lxml import html

PROXY_HEADERS = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "127.0.0.1"}
SKIPPED_FORMS = re.compile(r"signaler|quitter|deconnexion|remise-a-zero|tutos")


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
    seconds: float = 0.0

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


class Learner:
    def __init__(self, session, base: str, username: str, password: str, stats, rng):
        self.http, self.base = session, base
        self.username, self.password = username, password
        self.stats, self.rng = stats, rng
        self.cookies: dict[str, str] = {}
        self.main_html = ""

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

    async def log_in(self) -> None:
        url, text, _ = await self.request("GET", "/connexion/")
        page = html.fromstring(text)
        data = {
            "csrfmiddlewaretoken": self._csrf(page),
            "username": self.username,
            "password": self.password,
        }
        url, text, _ = await self.request("POST", "/connexion/", data=data)
        if "/connexion/" in url:
            raise RuntimeError(f"{self.username} could not log in")
        self.home_html = text

    def competences(self, home_html: str) -> list[str]:
        page = html.fromstring(home_html)
        return [
            action
            for action in page.xpath("//form[@method='post']/@action")
            if action.endswith("/commencer/")
        ]

    def _fill(self, form) -> dict:
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

    async def take_competence(self, start_action: str, *, pacer=None) -> None:
        url, text, _ = await self.request(
            "POST", start_action, data={"csrfmiddlewaretoken": self.page_token}
        )
        page_token = self.page_token
        for _ in range(200):  # a test has far fewer steps: a loop guard
            page = html.fromstring(text)
            token = (
                self._csrf(page)
                if page.xpath("//input[@name='csrfmiddlewaretoken']")
                else page_token
            )
            page_token = token
            challenge = page.xpath("//form[@id='challenge-form']")
            if challenge:
                form = challenge[0]
                challenge_id = form.xpath(".//input[@name='challenge']/@value")[0]
                data = [("csrfmiddlewaretoken", token), *self._fill(form)]
                action = form.get("hx-post") or form.get("action")
                since = await pacer.slot() if pacer else None
                before = time.perf_counter()
                _, text, headers = await self.request(
                    "POST", action, data=data, htmx=True, since=since
                )
                self.stats.answer_latencies.append(
                    time.perf_counter() - (since or before)
                )
                if "fr-alert--error" in text or "fr-alert--warning" in text:
                    self.stats.error(f"answer refused on {challenge_id} ({url})")
                else:
                    self.stats.acknowledged.add((url, challenge_id))
                    self.stats.answers += 1
                redirect = headers.get("HX-Redirect")
                if redirect:
                    url, text, _ = await self.request("GET", redirect)
                else:
                    # htmx swapped <main>: the page stays the test's page.
                    text = f"<html><body>{text}</body></html>"
                continue
            if "/resultat/" in url:
                return
            forms = [
                form
                for form in page.xpath("//main//form[@method='post']")
                if not SKIPPED_FORMS.search(form.get("action") or "")
            ]
            if not forms:
                raise RuntimeError(f"nothing to do on {url}")
            form = forms[0]
            data = {"csrfmiddlewaretoken": token}
            for element in form.xpath(".//input[@type='hidden']"):
                if element.get("name"):
                    data[element.get("name")] = element.get("value", "")
            url, text, _ = await self.request(
                "POST", urljoin(url, form.get("action") or url), data=data
            )
        raise RuntimeError(f"test at {url} never ended")

    async def run(self, *, deadline: float, pacer=None) -> bool:
        """Take competences until the deadline; False when all 16 were taken."""
        while time.perf_counter() < deadline:
            _, home, _ = await self.request("GET", "/")
            page = html.fromstring(home)
            self.page_token = self._csrf(page)
            actions = self.competences(home)
            if not actions:
                return False
            await self.take_competence(actions[0], pacer=pacer)
        return True


async def run_learners(
    base: str,
    accounts,
    *,
    concurrency: int,
    seconds: float,
    rate: float | None = None,
    seed: int = 1,
    resume_after_error: bool = False,
    clock_started: asyncio.Event | None = None,
) -> Stats:
    """Keep ``concurrency`` learners busy for ``seconds``; new accounts as they finish.

    With ``resume_after_error`` a learner whose request failed (a server
    killed under them) goes on with the same account and session: back to
    the profile, the same competence, the test where it was.

    The first learners log in before the clock starts (a login hashes the
    password on purpose, and a whole class logging in at once is not the
    steady state measured here); learners who finish every competence are
    replaced by new ones, whose login is measured with the rest.
    """
    stats, warm_up = Stats(), Stats()
    accounts = iter(accounts)
    connector = aiohttp.TCPConnector(limit=concurrency * 2, force_close=False)
    timeout = aiohttp.ClientTimeout(total=60)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as http:

        def new_learner(number: int, target: Stats) -> Learner:
            try:
                username, password = next(accounts)
            except StopIteration:
                raise RuntimeError("out of learner accounts") from None
            rng = random.Random(f"{seed}:{number}:{username}")
            return Learner(http, base, username, password, target, rng)

        learners = [new_learner(number, warm_up) for number in range(concurrency)]
        logins = asyncio.Semaphore(4)

        async def log_in(learner: Learner) -> None:
            async with logins:
                await learner.log_in()
            learner.stats = stats

        await asyncio.gather(*(log_in(learner) for learner in learners))
        if warm_up.errors:
            raise RuntimeError(f"warm-up failed: {warm_up.error_samples}")
        deadline = time.perf_counter() + seconds
        pacer = Pacer(rate) if rate else None
        if clock_started is not None:
            clock_started.set()

        async def worker(number: int) -> None:
            learner = learners[number]
            while time.perf_counter() < deadline:
                try:
                    if learner is None:
                        learner = new_learner(number, stats)
                        await learner.log_in()
                    if await learner.run(deadline=deadline, pacer=pacer):
                        return
                    learner = None  # every competence taken: the next learner
                except (RuntimeError, aiohttp.ClientError, TimeoutError) as error:
                    stats.error(str(error)[:300])
                    if not resume_after_error:
                        learner = None
                    await asyncio.sleep(0.3)

        await asyncio.gather(*(worker(number) for number in range(concurrency)))
    stats.seconds = seconds
    return stats


async def hammer_floor(base: str, *, concurrency: int, seconds: float) -> Stats:
    """Closed loop on the floor view: the most requests the stack can serve."""
    stats = Stats()
    deadline = time.perf_counter() + seconds
    connector = aiohttp.TCPConnector(limit=concurrency * 2)
    async with aiohttp.ClientSession(connector=connector) as http:

        async def worker() -> None:
            while time.perf_counter() < deadline:
                started = time.perf_counter()
                try:
                    async with http.get(
                        urljoin(base, "/__floor__/"), headers=PROXY_HEADERS
                    ) as response:
                        await response.read()
                        if response.status != 200:
                            stats.error(f"floor: HTTP {response.status}")
                            continue
                except aiohttp.ClientError as error:
                    stats.error(f"floor: {error}")
                    continue
                stats.requests += 1
                stats.latencies.append(time.perf_counter() - started)

        await asyncio.gather(*(worker() for _ in range(concurrency)))
    return stats
