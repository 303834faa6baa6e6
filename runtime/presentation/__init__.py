"""The one renderer: what a challenge shows learners, and how answers are read.

The learner pages, the JSON API, the admin preview and the review page all
present a challenge in its release form (runtime.domain.release_contract)
through this package, so what an author previews is what learners get.
It imports only the domain (plus Django's templates and Wagtail's images).
"""
