"""Simulated teachers polling their campaign's dashboard, as the page does.

A teacher logs in, opens the organisation space (``/orga/``, which leads to
their organisation), follows the menu to the campaigns and a campaign, then
polls the live part of its dashboard (the ``hx-get`` of ``#dashboard``, sent
as htmx sends it) every ``poll`` seconds; every fourth poll reloads the whole
campaign page and the participants' next page of results, as a teacher
browsing it would. Nothing but the pages' markup is assumed.
"""

import asyncio
import random
import re
import time
from urllib.parse import urljoin

import aiohttp
from lxml import html

from bench.load.browser import Browser, Stats

CAMPAIGNS = re.compile(r"/orga/\d+/campagnes/$")
CAMPAIGN_LINK = re.compile(r"/orga/\d+/campagnes/\d+/$")


class Teacher(Browser):
    def __init__(self, session, base, username, password, stats, rng, number):
        super().__init__(session, base, stats, rng)
        self.username, self.password, self.number = username, password, number
        self.campaign_url = ""
        self.result_pages: list[str] = []

    async def open_campaign(self) -> str:
        """Log in and go to a campaign's page; return its dashboard's live URL."""
        if not self.cookies.get("sessionid"):
            await self.log_in(self.username, self.password)
        url, text, _ = await self.request("GET", "/orga/")
        page = html.fromstring(text)
        menu = [href for href in page.xpath("//a/@href") if CAMPAIGNS.search(href)]
        if not menu:
            raise RuntimeError(f"{self.username}: no campaigns link on {url}")
        url, text, _ = await self.request("GET", urljoin(url, menu[0]))
        links = [
            href
            for href in html.fromstring(text).xpath("//main//a/@href")
            if CAMPAIGN_LINK.search(href)
        ]
        if not links:
            raise RuntimeError(f"{self.username}: no campaign on {url}")
        self.campaign_url = urljoin(url, links[self.number % len(links)])
        return await self.campaign_page()

    async def campaign_page(self, url: str = "") -> str:
        """Load the campaign's page (or one of its pages of results)."""
        url, text, _ = await self.request("GET", url or self.campaign_url)
        self.stats.polls += 1
        page = html.fromstring(text)
        live = page.xpath("//div[@id='dashboard']/@hx-get")
        if not live:
            raise RuntimeError(f"no live dashboard on {url}")
        self.result_pages = [
            urljoin(url, href)
            for href in page.xpath("//a[contains(@class, 'fr-pagination__link')]/@href")
        ]
        return urljoin(url, live[0])

    async def run(self, *, deadline: float, poll: float) -> None:
        live = await self.open_campaign()
        polls = 0
        while time.perf_counter() + poll < deadline:
            await asyncio.sleep(poll)
            polls += 1
            if polls % 4 == 0:  # back to the page, or its next page of results
                pages = self.result_pages or [self.campaign_url]
                live = await self.campaign_page(pages[polls // 4 % len(pages)])
                continue
            url, text, _ = await self.request("GET", live, htmx=True)
            if "dashboard-counts" not in text:
                raise RuntimeError(f"the dashboard at {url} shows no counts")
            self.stats.polls += 1


async def run_teachers(
    base: str,
    accounts: list[tuple[str, str]],
    *,
    seconds: float,
    poll: float,
    clock_started: asyncio.Event | None = None,
    resume_after_error: bool = False,
    seats: dict | None = None,
) -> Stats:
    """Each teacher polls a campaign of theirs for ``seconds`` once the clock starts.

    ``seats`` keeps the teachers (logged in) from one pass to the next.
    """
    stats = Stats()
    if not accounts:
        return stats
    if clock_started is not None:
        await clock_started.wait()
    deadline = time.perf_counter() + seconds
    connector = aiohttp.TCPConnector(limit=len(accounts) * 2)
    timeout = aiohttp.ClientTimeout(total=60)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as http:

        async def worker(number: int, username: str, password: str) -> None:
            teacher = (seats if seats is not None else {}).get(("teacher", number))
            if teacher is None:
                rng = random.Random(f"teacher:{number}")
                teacher = Teacher(http, base, username, password, stats, rng, number)
                if seats is not None:
                    seats[("teacher", number)] = teacher
            teacher.http, teacher.stats = http, stats  # this pass's
            while time.perf_counter() < deadline:
                try:
                    await teacher.run(deadline=deadline, poll=poll)
                    return
                except (RuntimeError, aiohttp.ClientError, TimeoutError) as error:
                    stats.error(f"teacher: {str(error)[:300]}")
                    if not resume_after_error:
                        return
                    await asyncio.sleep(0.3)

        await asyncio.gather(
            *(worker(n, *account) for n, account in enumerate(accounts))
        )
    stats.seconds = seconds
    return stats
