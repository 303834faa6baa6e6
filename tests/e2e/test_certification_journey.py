"""A certification, from the centre's session to the public verification page."""

import pytest
from django.core.cache import cache
from django.utils import timezone
from playwright.sync_api import expect

from runtime.certification.models import (
    CentreMembership,
    CertificationAnswer,
    CertificationCentre,
    CertificationResult,
)
from tests.factories import make_user
from tests.runtime.certification.conftest import (
    make_knowledge,
    publish_certifiable_release,
)

pytestmark = pytest.mark.django_db(transaction=True)


def sign_in(page, username):
    page.goto("/connexion/")
    page.fill("#id_username", username)
    page.fill("#id_password", "motdepasse-solide-42")
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url("**/")


def answer_current(page, levels, *, right=True):
    challenge = page.locator("input[name=challenge]").input_value()
    page.locator("#field-r").fill(str(levels[challenge]) if right else "faux")
    with page.expect_navigation():
        page.get_by_role("button", name="Je valide").click()
    return challenge


def test_a_whole_certification_in_the_browser(new_page, tmp_path):
    """Session, enrolment, start, confirmation, answers, incident, jury, PDF, check."""
    cache.clear()
    release = publish_certifiable_release()
    levels = {item["id"]: item["level"] for item in release.content["skills"]}
    levels = {
        item["id"]: levels[item["skill"]] for item in release.content["challenges"]
    }
    learner = make_user(
        username="lou", email="lou@example.org", first_name="Lou", last_name="Martin"
    )
    make_knowledge(learner)
    member = make_user(username="claire")
    make_user(username="jules", group="Certification jury")
    centre = CertificationCentre.objects.create(name="Lycée Condorcet")
    CentreMembership.objects.create(centre=centre, user=member)

    # The centre creates a session and enrols an eligible learner.
    organiser = new_page()
    sign_in(organiser, "claire")
    organiser.goto("/certification/centres/")
    organiser.get_by_role("link", name="Créer une session").click()
    organiser.fill("#id_address", "1 rue de la Paix, Paris")
    organiser.fill("#id_room", "B12")
    organiser.fill("#id_date", timezone.localdate().isoformat())
    organiser.fill("#id_time", "09:00")
    organiser.fill("#id_examiner", "Mme Durand")
    organiser.get_by_role("button", name="Créer la session").click()
    password = organiser.locator(".invigilator-password").inner_text()
    code = organiser.locator(".access-code").inner_text()
    form = organiser.locator("#candidate-form")
    form.locator("#id_first_name").fill("Lou")
    form.locator("#id_last_name").fill("Martin")
    form.locator("#id_birth_date").fill("2004-02-29")
    form.locator("#id_email").fill("lou@example.org")
    form.get_by_role("button", name="Inscrire").click()
    expect(organiser.locator("td.eligibility")).to_contain_text("Éligible")

    # The learner starts: access code and identity, then waits.
    candidate = new_page()
    sign_in(candidate, "lou")
    candidate.get_by_role("link", name="Certification").click()
    candidate.fill("#id_access_code", code)
    candidate.fill("#id_first_name", "lou")
    candidate.fill("#id_last_name", "MARTIN")
    candidate.fill("#id_birth_date", "2004-02-29")
    candidate.get_by_role("button", name="Rejoindre la session").click()
    expect(candidate.locator(".waiting")).to_contain_text("confirmer votre présence")

    # The invigilator confirms; the learner's page moves to the first question.
    invigilator = new_page()
    invigilator.goto("/certification/surveillance/")
    invigilator.fill("#id_access_code", code)
    invigilator.fill("#id_password", password)
    invigilator.get_by_role("button", name="Ouvrir la surveillance").click()
    invigilator.get_by_role("button", name="Confirmer la présence").click()
    candidate.wait_for_url("**/certification/tests/*/", timeout=15_000)
    expect(candidate.locator(".assessment-progress")).to_contain_text(
        "Question 1 sur 15"
    )

    # A wrong first answer, then an incident on it: the link did not work.
    first = answer_current(candidate, levels, right=False)
    invigilator.reload()
    invigilator.get_by_text("Signaler un incident").click()
    invigilator.select_option("select[name$=category]", "link")
    invigilator.select_option("select[name$=challenge]", first)
    invigilator.fill("textarea[name$=description]", "Le site ne répondait pas.")
    invigilator.get_by_role("button", name="Enregistrer le signalement").click()
    expect(invigilator.locator(".fr-alert--success, .fr-alert")).to_contain_text(
        "Incident signalé"
    )
    for _ in range(14):
        answer_current(candidate, levels)
    expect(candidate.locator(".test-ended")).to_be_visible()

    # The centre finalises (the incident confirmed); the jury publishes.
    organiser.reload()
    organiser.get_by_role("button", name="Finaliser et transmettre au jury").click()
    expect(organiser.locator(".fr-badge").first).to_contain_text("Finalisée")
    jury = new_page()
    sign_in(jury, "jules")
    jury.goto("/certification/jury/")
    jury.get_by_role("link", name="B12").click()
    expect(jury.locator(".jury-result")).to_contain_text("60 pix")
    jury.get_by_role("button", name="Publier les résultats").click()
    expect(jury.locator(".fr-badge").first).to_contain_text("Résultats publiés")
    assert CertificationAnswer.objects.get(challenge=first).neutralised

    # The learner downloads the PDF; anyone checks the code.
    candidate.goto("/certification/")
    candidate.get_by_role("link", name="Certificat : 60 pix").click()
    verification = candidate.locator(".verification-code").inner_text()
    with candidate.expect_download() as download:
        candidate.get_by_role("link", name="Télécharger le certificat (PDF)").click()
    path = tmp_path / "certificat.pdf"
    download.value.save_as(path)
    assert path.read_bytes().startswith(b"%PDF-")
    employer = new_page()
    employer.goto("/certification/verifier/")
    employer.fill("#id_code", verification)
    employer.get_by_role("button", name="Vérifier", exact=True).click()
    expect(employer.locator(".holder")).to_have_text("Lou Martin")
    expect(employer.locator(".certified-pix")).to_have_text("60 pix")
    assert CertificationResult.objects.get().verification_code == verification
