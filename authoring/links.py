"""Checking the external links learners are sent to: tutorials and simulators.

The web changes under a content bank: pages move, sites close. Each link is
asked for its headers (HEAD; GET for servers that refuse HEAD), redirects
are followed, and the answer is kept in ``LinkCheck``. Run it from cron or a
task worker (``manage.py check_links``, ``authoring.tasks.check_links_task``);
the editor shows each item's link as last checked.
"""

import http.client
import urllib.error
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import urlparse

from django.db import transaction
from django.utils import timezone

from authoring.enums import ContentStatus, LinkStatus

USER_AGENT = "AtelierCRCN-verification-des-liens/1.0"
TIMEOUT_SECONDS = 10.0
WORKERS = 8
# Servers that refuse or do not know HEAD are asked again with GET.
ASK_AGAIN_WITH_GET = {403, 405, 501}
LIVE = (ContentStatus.PROPOSED, ContentStatus.VALIDATED)


@dataclass(frozen=True)
class LinkAnswer:
    """What a link answered: a LinkStatus, the HTTP code, where it ended, why."""

    status: str
    http_status: int | None = None
    final_url: str = ""
    detail: str = ""


class _RecordRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects as urllib does, noting whether one was permanent."""

    permanent = False

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if code in (301, 308):
            self.permanent = True
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def check_link(url: str, *, timeout: float = TIMEOUT_SECONDS) -> LinkAnswer:
    """Ask a web link for its headers; never raises."""
    if urlparse(url).scheme not in ("http", "https"):
        return LinkAnswer(LinkStatus.UNREACHABLE, detail="not a web address")
    answer = _ask(url, "HEAD", timeout)
    if answer.http_status in ASK_AGAIN_WITH_GET:
        answer = _ask(url, "GET", timeout)
    return answer


def _ask(url: str, method: str, timeout: float) -> LinkAnswer:
    redirects = _RecordRedirects()
    opener = urllib.request.build_opener(redirects)
    request = urllib.request.Request(  # noqa: S310 - the scheme is checked above
        url, method=method, headers={"User-Agent": USER_AGENT, "Accept": "*/*"}
    )
    try:
        with opener.open(request, timeout=timeout) as response:
            code, final = response.status, response.geturl()
    except urllib.error.HTTPError as error:
        return LinkAnswer(LinkStatus.BROKEN, error.code, error.geturl() or "")
    # URLError, TLS errors and timeouts are OSErrors; a malformed URL a ValueError.
    except (OSError, http.client.HTTPException, ValueError) as error:
        reason = getattr(error, "reason", None) or error
        return LinkAnswer(LinkStatus.UNREACHABLE, detail=str(reason)[:200])
    if redirects.permanent and final != url:
        return LinkAnswer(LinkStatus.MOVED, code, final)
    return LinkAnswer(LinkStatus.OK, code, "" if final == url else final)


def links_in_use() -> dict[str, list]:
    """Return each external link of a live tutorial or challenge, with its items."""
    from authoring.models import Challenge, Tutorial

    found: dict[str, list] = {}
    for tutorial in Tutorial.objects.filter(status__in=LIVE).exclude(link=""):
        found.setdefault(tutorial.link, []).append(tutorial)
    challenges = Challenge.objects.filter(status__in=LIVE).exclude(embed_url="")
    for challenge in challenges.only("pk", "uid", "embed_url", "instruction", "type"):
        found.setdefault(challenge.embed_url, []).append(challenge)
    return found


def check_links(
    urls=None, *, timeout: float = TIMEOUT_SECONDS, workers: int = WORKERS, now=None
) -> Counter:
    """Check the links (those in use by default) and keep the answers; count them.

    The network is asked in parallel, outside any transaction; the answers are
    then written together.
    """
    from authoring.models import LinkCheck

    urls = sorted(links_in_use() if urls is None else set(urls))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        answers = list(pool.map(lambda url: check_link(url, timeout=timeout), urls))
    now = now or timezone.now()
    with transaction.atomic():
        known = {found.url: found for found in LinkCheck.objects.filter(url__in=urls)}
        changed, new = [], []
        for url, answer in zip(urls, answers, strict=True):
            record = known.get(url) or LinkCheck(url=url, failures=0)
            failed = answer.status in (LinkStatus.BROKEN, LinkStatus.UNREACHABLE)
            record.failures = record.failures + 1 if failed else 0
            record.status = answer.status
            record.http_status = answer.http_status
            record.final_url = answer.final_url[:500]
            record.detail = answer.detail
            record.checked_at = now
            (changed if record.pk else new).append(record)
        LinkCheck.objects.bulk_create(new)
        LinkCheck.objects.bulk_update(
            changed,
            ["status", "http_status", "final_url", "detail", "failures", "checked_at"],
        )
    return Counter(answer.status for answer in answers)
