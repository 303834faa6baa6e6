"""Fill-in-the-blank fields sit in their sentence, spaced, on a 375-px phone too."""

import pytest
from django.urls import reverse

from preview.services import share_link_create, share_token
from tests.factories import make_challenge

from .accessibility import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)

PROPOSALS = (
    "- Appareil qui consomme le plus\xa0: "
    '${appareil options=["Box internet","Ordinateur fixe et écran"]}\n'
    "- Consommation annuelle totale\xa0: ${total} kWh"
)


def _boxes(page) -> dict:
    """Return the layout of each list item: its text's and its field's boxes."""
    return page.evaluate(
        """() => [...document.querySelectorAll('.challenge-fields li')].map(li => {
            const field = li.querySelector('.challenge-field');
            const control = field.querySelector('input, select');
            const range = document.createRange();
            range.setStart(li.firstChild, 0);
            range.setEnd(li.firstChild, li.firstChild.length);
            const text = range.getBoundingClientRect();
            const box = control.getBoundingClientRect();
            return {text_right: text.right, field_left: box.left,
                    field_right: box.right, field_top: box.top,
                    li_top: li.getBoundingClientRect().top,
                    li_bottom: li.getBoundingClientRect().bottom,
                    width: document.documentElement.clientWidth,
                    scroll: document.documentElement.scrollWidth};
        })"""
    )


@pytest.mark.parametrize("width", [1280, 375])
def test_blank_fields_are_inside_their_line_and_fit_the_screen(new_page, width):
    challenge = make_challenge(
        type="QROCM-ind",
        instruction="Relevez les consommations du tableau.",
        proposals=PROPOSALS,
        solution="appareil: Ordinateur fixe et écran\ntotal: 350",
    )
    link = share_link_create(challenge=challenge, user=None, trusted=True)
    page = new_page()
    page.set_viewport_size({"width": width, "height": 800})

    page.goto(reverse("preview_shared", args=[share_token(link)]))

    boxes = _boxes(page)
    assert len(boxes) == 2
    for box in boxes:
        # Each field belongs to its list item, never past the screen's edge.
        assert box["li_top"] <= box["field_top"] < box["li_bottom"]
        assert box["field_right"] <= box["width"]
        assert box["scroll"] <= box["width"]
        if width == 1280:
            # Room enough: the field follows its text on the same line, spaced.
            assert box["field_left"] - box["text_right"] >= 4
    assert_accessible(page, f"champs à compléter à {width} px")
