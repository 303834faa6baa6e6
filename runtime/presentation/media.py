"""The media a release challenge names by id, resolved for display."""

from wagtail.images import get_image_model

from runtime.domain.release_contract import Challenge


def challenge_illustration(challenge: Challenge):
    """Return the Wagtail image a release challenge shows, or None."""
    if challenge.illustration is None:
        return None
    return get_image_model().objects.filter(pk=challenge.illustration.id).first()
