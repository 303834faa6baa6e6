"""The jury's changes are audited with django-reversion: answers and results."""

import reversion

from .models import CertificationAnswer, CertificationResult

reversion.register(CertificationAnswer)
reversion.register(CertificationResult)
