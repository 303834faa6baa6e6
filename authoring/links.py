"""Checking the external links learners are sent to: tutorials and simulators.

The web changes under a content bank: pages move, sites close. Each link is
asked for its headers (HEAD; GET for servers that refuse HEAD), redirects
are followed, and the answer is kept in ``LinkCheck``. Run it from cron or a
task worker (``manage.py check_links``, ``authoring.tasks.check_links_task``);
the editor shows each item's link as last checked.
"""

import ipaddress
import socket
import ssl
import urllib.error
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import urlparse

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext

from authoring.enums import ContentStatus, LinkStatus
from authoring.models import Challenge, LinkCheck, Tutorial

USER_AGENT = "AtelierCRCN-verification-des-liens/1.0"
TIMEOUT_SECONDS = 10.0
WORKERS = 8
# Servers that refuse or do not know HEAD are asked again with GET.
ASK_AGAIN_WITH_GET = {403, 405, 501}


@dataclass(frozen=True)
class LinkAnswer:
    """What a link answered: a LinkStatus, the HTTP code, where it ended, why."""

    status: str
    http_status: int | None = None
    final_url: str = ""
    detail: str = ""


class _Refused(Exception):
    """A link the checker does not follow."""


def _refuse_unsafe(url: str) -> None:
    """Raise _Refused unless url is a web address of a public host.

    Authors type the links: without this, the checker would ask hosts of the
    server's own network and tell the author what answered (a port scan).
    Tests serve pages on 127.0.0.1 (LINK_CHECK_ALLOW_PRIVATE). The host is
    resolved again to connect: a DNS answer that changes in between is not
    caught here; a firewall on outgoing traffic is the complete answer.
    """
    parts = urlparse(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise _Refused(gettext("ce n'est pas une adresse web"))
    if getattr(settings, "LINK_CHECK_ALLOW_PRIVATE", False):
        return
    port = parts.port or (443 if parts.scheme == "https" else 80)
    addresses = {info[4][0] for info in socket.getaddrinfo(parts.hostname, port)}
    if not all(is_public_address(address) for address in addresses):
        raise _Refused(gettext("adresse privée ou locale, non vérifiée"))


# IPv6 addresses that carry an IPv4 address the network routes to: NAT64
# with RFC 6052's well-known prefix (the IPv4 address in the last 32 bits),
# 6to4 (RFC 3056) and IPv4-mapped addresses. Python calls them global
# whatever IPv4 address they wrap. RFC 8215's local-use NAT64 prefix leads
# into the operator's own network by definition (IANA: not globally
# reachable), though Python calls it global too.
NAT64_WELL_KNOWN = ipaddress.ip_network("64:ff9b::/96")
NAT64_LOCAL_USE = ipaddress.ip_network("64:ff9b:1::/48")


def embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """Return the IPv4 address an IPv6 address wraps (NAT64, 6to4, mapped)."""
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address in NAT64_WELL_KNOWN:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def is_public_address(text: str) -> bool:
    """Return whether an address (as getaddrinfo gives it) is of a public host.

    An IPv6 address wrapping an IPv4 one is public only if both are: a NAT64
    or 6to4 gateway would otherwise lead the checker into the private network.
    """
    address = ipaddress.ip_address(text.split("%")[0])
    if not address.is_global:
        return False
    if isinstance(address, ipaddress.IPv6Address):
        if address in NAT64_LOCAL_USE:
            return False
        inner = embedded_ipv4(address)
        return inner is None or inner.is_global
    return True


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects to public web addresses only, noting where the leading
    permanent ones (301, 308) lead: the address the link should now be."""

    def __init__(self):
        self.moved_to = ""
        self.temporary_seen = False

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        _refuse_unsafe(newurl)
        if code in (301, 308) and not self.temporary_seen:
            self.moved_to = newurl
        else:
            self.temporary_seen = True
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _opener(redirects: _Redirects) -> urllib.request.OpenerDirector:
    """Return an opener for http and https only (no file, ftp or data URLs)."""
    opener = urllib.request.OpenerDirector()
    for handler in (
        urllib.request.HTTPHandler(),
        urllib.request.HTTPSHandler(),
        urllib.request.HTTPDefaultErrorHandler(),
        urllib.request.HTTPErrorProcessor(),
        redirects,
    ):
        opener.add_handler(handler)
    return opener


def network_detail(reason) -> str:
    """Say in French why a site did not answer (not « [Errno -2] Name or… »)."""
    if isinstance(reason, socket.gaierror):
        return gettext("adresse introuvable : le nom de domaine n'existe pas")
    if isinstance(reason, TimeoutError | socket.timeout) or "timed out" in str(reason):
        return gettext("pas de réponse dans le délai")
    if isinstance(reason, ConnectionRefusedError):
        return gettext("connexion refusée par le serveur")
    if isinstance(reason, ConnectionError):
        return gettext("connexion interrompue")
    if isinstance(reason, ssl.SSLError):
        return gettext("certificat HTTPS refusé")
    return gettext("erreur réseau ou réponse illisible")


def check_link(url: str, *, timeout: float = TIMEOUT_SECONDS) -> LinkAnswer:
    """Ask a web link for its headers; never raises."""
    answer = _ask(url, "HEAD", timeout)
    if answer.http_status in ASK_AGAIN_WITH_GET:
        answer = _ask(url, "GET", timeout)
    return answer


def _ask(url: str, method: str, timeout: float) -> LinkAnswer:
    redirects = _Redirects()
    try:
        _refuse_unsafe(url)
        request = urllib.request.Request(  # noqa: S310 - http(s) only, checked
            url, method=method, headers={"User-Agent": USER_AGENT, "Accept": "*/*"}
        )
        with _opener(redirects).open(request, timeout=timeout) as response:
            code = response.status
    except urllib.error.HTTPError as error:
        final = error.geturl() or url
        moved = "" if final == url else final[:500]  # LinkCheck's column
        return LinkAnswer(LinkStatus.BROKEN, error.code, moved)
    except _Refused as error:
        return LinkAnswer(LinkStatus.UNREACHABLE, detail=str(error))
    # Whatever a remote site makes urllib raise (timeouts, TLS, bad redirects,
    # ports out of range, encodings) says the same: the link does not answer.
    except Exception as error:  # noqa: BLE001
        reason = getattr(error, "reason", None) or error
        return LinkAnswer(LinkStatus.UNREACHABLE, detail=network_detail(reason))
    if redirects.moved_to and redirects.moved_to != url:
        return LinkAnswer(LinkStatus.MOVED, code, redirects.moved_to[:500])
    return LinkAnswer(LinkStatus.OK, code)


def links_in_use() -> dict[str, list]:
    """Return each external link of a live tutorial or challenge, with its items.

    A learner's tutorial proposal is left out until the community review
    validated it: anyone may sign up and propose, and the checker must not
    fetch what nobody has read yet. Authors' proposed tutorials are checked.
    """
    found: dict[str, list] = {}
    tutorials = Tutorial.objects.filter(
        Q(status=ContentStatus.VALIDATED)
        # proposed_at stays when the learner's account is deleted.
        | Q(status=ContentStatus.PROPOSED, proposed_at=None)
    )
    for tutorial in tutorials.exclude(link=""):
        found.setdefault(tutorial.link, []).append(tutorial)
    challenges = Challenge.objects.filter(
        status__in=ContentStatus.live_states()
    ).exclude(embed_url="")
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
    urls = sorted(links_in_use() if urls is None else set(urls))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        answers = list(pool.map(lambda url: check_link(url, timeout=timeout), urls))
    now = now or timezone.now()
    fields = ["status", "http_status", "final_url", "detail", "failures", "checked_at"]
    with transaction.atomic():
        # Locked: two runs at once (cron and a worker) count failures once each.
        known = {
            found.url: found
            for found in LinkCheck.objects.select_for_update().filter(url__in=urls)
        }
        records = []
        for url, answer in zip(urls, answers, strict=True):
            record = known.get(url) or LinkCheck(url=url, failures=0)
            failed = answer.status in (LinkStatus.BROKEN, LinkStatus.UNREACHABLE)
            record.failures = record.failures + 1 if failed else 0
            record.status = answer.status
            record.http_status = answer.http_status
            record.final_url = answer.final_url
            record.detail = answer.detail
            record.checked_at = now
            records.append(record)
        # A link first met by two runs at once is written by the last one.
        LinkCheck.objects.bulk_create(
            records, update_conflicts=True, unique_fields=["url"], update_fields=fields
        )
    return Counter(answer.status for answer in answers)
