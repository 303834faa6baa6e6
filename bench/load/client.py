"""Simulated learners driving the whole learner flow over HTTP, as a browser does.

Each learner logs in, opens the profile, starts a competence, answers until
the result (the answer is posted as htmx posts it, so one request records the
answer and returns the next challenge), reads and acknowledges a checkpoint
every five answers, reads the result and the profile again, then takes the
next competence. Forms are read from the pages (CSRF token, fields, buttons):
nothing of the site's internals is assumed beyond its markup, so the client
follows the pages wherever the flow leads (a timed challenge's warning screen,
a final checkpoint).

``run_pass`` runs the learners with the other roles of a pass (teachers
polling a campaign's dashboard: bench/load/teacher.py; candidates and
invigilators of certification sessions: bench/load/certification.py).
"""

import asyncio
import random
import re
import time
from dataclasses import dataclass, field
from urllib.parse import urljoin

import aiohttp
from lxml import html

from bench.load.browser import PROXY_HEADERS, Browser, Pacer, Stats
from bench.load.certification import run_certification
from bench.load.teacher import run_teachers

SKIPPED_FORMS = re.compile(r"signaler|quitter|deconnexion|remise-a-zero|tutos")
__all__ = ["Roles", "Stats", "hammer_floor", "run_learners", "run_pass"]


class Learner(Browser):
    def __init__(self, session, base: str, username: str, password: str, stats, rng):
        super().__init__(session, base, stats, rng)
        self.username, self.password = username, password

    async def log_in(self) -> None:
        self.home_html = await super().log_in(self.username, self.password)

    def competences(self, home_html: str) -> list[str]:
        page = html.fromstring(home_html)
        return [
            action
            for action in page.xpath("//form[@method='post']/@action")
            if action.endswith("/commencer/")
        ]

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
                data = [("csrfmiddlewaretoken", token), *self.fill(form)]
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


@dataclass
class Roles:
    """The users besides the learners, and how they behave (see run.py)."""

    teachers: list[tuple[str, str]] = field(default_factory=list)
    teacher_poll: float = 5.0
    candidates: object = ()  # an iterator of accounts, shared by the passes
    invigilators: list[dict] = field(default_factory=list)
    candidate_concurrency: int = 0
    think: float = 1.0
    poll: float | None = None  # None: the intervals the pages ask for
    seats: dict = field(default_factory=dict)  # who sits where, pass to pass


async def run_pass(
    base: str,
    accounts,
    roles: Roles,
    *,
    concurrency: int,
    seconds: float,
    rate: float | None = None,
    seed: int = 1,
    resume_after_error: bool = False,
    clock_started: asyncio.Event | None = None,
) -> dict[str, Stats]:
    """Learners, teachers, candidates and invigilators together for ``seconds``.

    The others start when the learners' clock does (once the first learners
    logged in). Return each role's figures.
    """
    clock_started = clock_started or asyncio.Event()
    learners, teachers, (candidates, invigilators) = await asyncio.gather(
        run_learners(
            base, accounts, concurrency=concurrency, seconds=seconds, rate=rate,
            seed=seed, resume_after_error=resume_after_error,
            clock_started=clock_started,
        ),
        run_teachers(
            base, roles.teachers, seconds=seconds, poll=roles.teacher_poll,
            clock_started=clock_started, resume_after_error=resume_after_error,
            seats=roles.seats,
        ),
        run_certification(
            base, roles.candidates, roles.invigilators,
            concurrency=roles.candidate_concurrency, seconds=seconds,
            think=roles.think, poll=roles.poll, clock_started=clock_started,
            resume_after_error=resume_after_error, seats=roles.seats,
        ),
    )  # fmt: skip
    return {
        "learners": learners,
        "teachers": teachers,
        "candidates": candidates,
        "invigilators": invigilators,
    }


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
