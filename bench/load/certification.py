"""Simulated candidates and invigilators of certification sessions.

A candidate logs in, opens « Ma certification », joins the session with its
access code and their identity as enrolled, waits on the page that polls
until the invigilator confirms their presence (its ``hx-get``, as htmx sends
it), then answers each challenge of the test after ``think`` seconds, until
the test says it is over. Each test page's clock (``data-seconds``, what the
server says is left) is recorded with the times around the request, so that
a fault test can check it against the rules. An answer is acknowledged when
the page after it shows no error.

An invigilator (no account) unlocks the session with its access code and
password, then polls the candidates' rows and confirms everyone who joined.
"""

import asyncio
import random
import time
from urllib.parse import urljoin

import aiohttp
from lxml import html

from bench.load.browser import Browser, Stats, poll_interval

ERRORS = (RuntimeError, aiohttp.ClientError, TimeoutError)


def _hidden(form) -> dict:
    return {
        element.get("name"): element.get("value", "")
        for element in form.xpath(".//input[@type='hidden']")
        if element.get("name")
    }


class Candidate(Browser):
    """One enrolled candidate: ``account`` is what prepare() returned for them."""

    def __init__(self, session, base, account: dict, stats, rng):
        super().__init__(session, base, stats, rng)
        self.account = account
        self.test_url = ""
        self.done = False

    async def join(self, poll: float | None, deadline: float) -> tuple[str, str]:
        """Join the session and wait for the test; return its (url, page)."""
        if not self.cookies.get("sessionid"):
            await self.log_in(self.account["username"], self.account["password"])
        url, text, _ = await self.request("GET", "/certification/")
        form = html.fromstring(text).xpath("//form[@id='join-form']")
        if not form:
            raise RuntimeError(f"no join form on {url}")
        data = {
            **_hidden(form[0]),
            "access_code": self.account["access_code"],
            "first_name": self.account["first_name"],
            "last_name": self.account["last_name"],
            "birth_date": self.account["birth_date"],
        }
        url, text, _ = await self.request(
            "POST", urljoin(url, form[0].get("action")), data=data
        )
        while "/certification/tests/" not in url:
            waiting = html.fromstring(text).xpath("//div[@hx-get]")
            if not waiting:
                raise RuntimeError(f"joined, but {url} neither waits nor tests")
            if time.perf_counter() > deadline:
                return "", ""
            await asyncio.sleep(poll or poll_interval(waiting[0], 3))
            status_url = urljoin(url, waiting[0].get("hx-get"))
            _, status, headers = await self.request("GET", status_url, htmx=True)
            self.stats.polls += 1
            if headers.get("HX-Redirect"):
                url, text, _ = await self.request("GET", headers["HX-Redirect"])
            else:
                text = f'<div hx-get="{waiting[0].get("hx-get")}">{status}</div>'
        self.test_url = url
        return url, text

    async def run(self, *, deadline: float, think: float, poll: float | None):
        """Take the test (or go back to it) until it ends or the pass does."""
        if self.test_url:  # back to the test where it was, as a reload does
            sent = time.time()
            url, text, _ = await self.request("GET", self.test_url)
        else:
            sent = time.time()
            url, text = await self.join(poll, deadline)
            if not url:
                return
        while True:
            received = time.time()
            page = html.fromstring(text)
            form = page.xpath("//form[@id='challenge-form']")
            if not form:
                if page.xpath("//*[contains(@class, 'test-ended')]"):
                    self.done = True
                    return
                paused = page.xpath("//div[@hx-get]")
                if not paused:
                    raise RuntimeError(f"nothing to do on {url}")
                await asyncio.sleep(poll or poll_interval(paused[0], 5))
                sent = time.time()
                url, text, _ = await self.request("GET", self.test_url)
                continue
            clock = page.xpath("//*[contains(@class, 'certification-clock')]")
            if clock:
                left = int(clock[0].get("data-seconds"))
                self.stats.clock_readings.append((self.test_url, sent, received, left))
            if time.perf_counter() + think > deadline:
                return
            await asyncio.sleep(think)
            challenge = form[0].xpath(".//input[@name='challenge']/@value")[0]
            data = [("csrfmiddlewaretoken", self._csrf(page)), *self.fill(form[0])]
            sent = before = time.time()
            url, text, _ = await self.request(
                "POST", urljoin(url, form[0].get("action")), data=data
            )
            self.stats.answer_latencies.append(time.time() - before)
            if "fr-alert--error" in text:
                self.stats.error(f"certification answer refused on {challenge}")
            else:
                self.stats.acknowledged.add((self.test_url, challenge))
                self.stats.answers += 1


class Invigilator(Browser):
    """Unlocks one session, then confirms every candidate who joined it."""

    def __init__(self, session, base, access_code: str, password: str, stats, rng):
        super().__init__(session, base, stats, rng)
        self.access_code, self.password = access_code, password
        self.session_url = ""

    async def unlock(self) -> str:
        url, text, _ = await self.request("GET", "/certification/surveillance/")
        form = html.fromstring(text).xpath("//main//form[@method='post']")
        if not form:
            raise RuntimeError(f"no invigilator form on {url}")
        data = {
            **_hidden(form[0]),
            "access_code": self.access_code,
            "password": self.password,
        }
        url, text, _ = await self.request(
            "POST", urljoin(url, form[0].get("action") or url), data=data
        )
        if "/surveillance/" not in url or url.endswith("/surveillance/"):
            raise RuntimeError(f"session {self.access_code} not unlocked")
        self.session_url = url
        return text

    async def run(self, *, deadline: float, poll: float | None) -> None:
        text = await self.unlock() if not self.session_url else ""
        if not text:
            _, text, _ = await self.request("GET", self.session_url)
        interval = 5.0
        while time.perf_counter() < deadline:
            page = html.fromstring(text)
            rows = page.xpath("//div[@id='invigilated-candidates']")
            if rows:
                interval = poll_interval(rows[0], interval)
            confirm = [
                form
                for form in page.xpath("//form[@method='post']")
                if (form.get("action") or "").endswith("/confirmer/")
            ]
            if confirm:
                _, text, _ = await self.request(
                    "POST",
                    urljoin(self.session_url, confirm[0].get("action")),
                    data=_hidden(confirm[0]),
                )
                continue
            await asyncio.sleep(poll or interval)
            _, rows_html, _ = await self.request("GET", self.session_url, htmx=True)
            self.stats.polls += 1
            text = f"<html><body><main>{rows_html}</main></body></html>"


async def run_certification(
    base: str,
    accounts,
    invigilators: list[dict],
    *,
    concurrency: int,
    seconds: float,
    think: float,
    poll: float | None = None,
    clock_started: asyncio.Event | None = None,
    resume_after_error: bool = False,
    seats: dict | None = None,
) -> tuple[Stats, Stats]:
    """Keep ``concurrency`` candidates in their tests for ``seconds``, invigilated.

    A candidate whose test ended is replaced by the next enrolled one. With
    ``resume_after_error`` a candidate whose request failed goes back to
    their test (or their join) with the same session, as a reload would.
    ``seats`` keeps who sits where from one pass to the next: a test goes on
    in the next pass, and an invigilator stays on their session's page.
    Return the candidates' and the invigilators' figures.
    """
    candidates, invigilating = Stats(), Stats()
    if not concurrency:
        return candidates, invigilating
    seats = {} if seats is None else seats
    accounts = iter(accounts)
    if clock_started is not None:
        await clock_started.wait()
    deadline = time.perf_counter() + seconds
    connector = aiohttp.TCPConnector(limit=(concurrency + len(invigilators)) * 2)
    timeout = aiohttp.ClientTimeout(total=60)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as http:

        def seated(key, make, stats):
            person = seats.get(key)
            if person is None:
                person = seats[key] = make()
            person.http, person.stats = http, stats  # this pass's
            return person

        async def invigilate(number: int, session: dict) -> None:
            person = seated(
                ("invigilator", number),
                lambda: Invigilator(
                    http, base, session["access_code"], session["password"],
                    invigilating, random.Random(f"invigilator:{number}"),
                ),
                invigilating,
            )  # fmt: skip
            while time.perf_counter() < deadline:
                try:
                    await person.run(deadline=deadline, poll=poll)
                except ERRORS as error:
                    invigilating.error(f"invigilator: {str(error)[:300]}")
                    await asyncio.sleep(0.3)

        def new_candidate() -> Candidate:
            account = next(accounts, None)
            if account is None:
                raise RuntimeError("out of candidate accounts")
            rng = random.Random(f"candidate:{account['username']}")
            return Candidate(http, base, account, candidates, rng)

        async def sit(number: int) -> None:
            while time.perf_counter() < deadline:
                try:
                    candidate = seated(("candidate", number), new_candidate, candidates)
                    if candidate.done:
                        candidate = seats[("candidate", number)] = new_candidate()
                    await candidate.run(deadline=deadline, think=think, poll=poll)
                except ERRORS as error:
                    candidates.error(f"candidate: {str(error)[:300]}")
                    if "out of candidate accounts" in str(error):
                        return
                    if not resume_after_error:
                        seats.pop(("candidate", number), None)
                    await asyncio.sleep(0.3)

        await asyncio.gather(
            *(invigilate(n, session) for n, session in enumerate(invigilators)),
            *(sit(number) for number in range(concurrency)),
        )
    candidates.seconds = invigilating.seconds = seconds
    return candidates, invigilating
