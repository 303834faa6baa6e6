"""Form help texts: each rule on its line, and the id aria-describedby names exists."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_password_rules_are_a_list_the_field_points_to(client):
    page = client.get(reverse("signup")).content.decode()

    field = re.search(r'<input type="password" name="password1"[^>]*>', page).group(0)
    described = re.search(r'aria-describedby="([^"]+)"', field).group(1)
    help_block = page.split(f'id="{described}"')[1].split("</div>")[0]
    assert described == "id_password1_helptext"
    assert help_block.count("<li>") >= 3  # one line per rule, not run together
