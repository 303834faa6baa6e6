"""The accessibility check the journeys run can fail: it sees a broken page."""

import pytest

from .accessibility import assert_accessible


def test_the_check_reports_an_image_without_alternative_and_an_unlabelled_field(
    browser,
):
    page = browser.new_page()
    page.set_content(
        '<!doctype html><html lang="fr"><head><title>Essai</title></head><body>'
        '<main><h1>Essai</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
        '<input type="text" name="reponse"></main></body></html>'
    )

    with pytest.raises(AssertionError) as failure:
        assert_accessible(page, "broken page")

    assert "image-alt (critical)" in str(failure.value)
    assert "label (critical)" in str(failure.value)
    page.set_content(
        '<!doctype html><html lang="fr"><head><title>Essai</title></head><body>'
        '<main><h1>Essai</h1><label for="r">Réponse</label>'
        '<input id="r" type="text" name="reponse"></main></body></html>'
    )
    assert_accessible(page, "fixed page")
    page.close()
