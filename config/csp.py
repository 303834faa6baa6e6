"""Content-Security-Policy: one policy for the site, a looser one for the admins.

The site's policy (``CONTENT_SECURITY_POLICY``) runs scripts only from our own
static files or with the request's nonce: a script an attacker slips into a
page does not run. The Wagtail admin (and Django's) ship inline scripts and
styles of their own, and the preview of a draft renders inside it: under
``ADMIN_CSP_PATH_PREFIXES`` the policy is ``ADMIN_CONTENT_SECURITY_POLICY``,
which allows inline scripts from our own origin only (nothing from elsewhere).
A response that already carries a policy keeps it (Wagtail's document view
sends ``default-src 'none'``, uploads in development ``sandbox``).
"""

from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config
from django.conf import settings


class PathPolicyCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, choosing the policy by the request's path."""

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if report_only or parts.config is not None:
            return parts  # a view chose its own policy
        if request.path_info.startswith(settings.ADMIN_CSP_PATH_PREFIXES):
            parts.config = default_config(
                settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
            )
            # A nonce in script-src makes browsers ignore 'unsafe-inline'.
            parts.nonce = None
        return parts
