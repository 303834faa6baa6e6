"""The runtime's index reads releases stored by earlier versions of the builder."""

import pytest

from runtime.domain import release_contract as contract
from runtime.models import Release
from runtime.release_index import release_index
from tests.runtime.domain.test_release_contract import FORMAT_1_SNAPSHOT

pytestmark = pytest.mark.django_db


def test_the_index_reads_a_release_stored_in_format_1():
    """A release published before the typed contract is served as it was."""
    release = Release.objects.create(
        number=1,
        checksum=contract.checksum(FORMAT_1_SNAPSHOT),
        content=FORMAT_1_SNAPSHOT,
        is_current=True,
    )

    index = release_index(release.pk)

    assert index.skills_by_competence == {"1.1": ["sk-1", "sk-2"]}
    assert index.challenges_by_skill == {"sk-1": ["ch-1"], "sk-2": ["ch-2"]}
    assert index.challenges["ch-2"].spec["solutions"] == ["-"]
    assert index.competence_of_skill("sk-2") == "1.1"
    assert index.tutorials_by_skill == {
        "sk-1": [("tu-1", "remediation")],
        "sk-2": [("tu-1", "learn_more")],
    }
    assert [c.id for c in index.challenges_for("sk-2", "en")] == ["ch-2"]
    assert index.scope("1.1").challenges[1].prototype_id == "ch-0"
