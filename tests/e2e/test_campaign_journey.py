"""A teacher runs a campaign; a pupil joins by code without e-mail and shares."""

import re

import pytest
from playwright.sync_api import expect

from runtime.orga.enums import MemberRole
from runtime.orga.models import Membership, Organisation, Participation
from tests.factories import make_user
from tests.runtime.orga.conftest import publish_competences

from .accessibility import assert_accessible
from .test_learner_journey import submit_and_wait

pytestmark = pytest.mark.django_db(transaction=True)

CLASS_LIST = (
    "INE;Nom;Prénom;Date de naissance;Classe\n"
    "123456789AB;Dupont;Léa;07/03/2011;3e A\n"
    "223456789AB;Martin;Lucas;12/05/2011;3e A\n"
    "323456789AB;;Sans nom;12/05/2011;3e A\n"
)


def sign_in(page, username: str, password: str = "motdepasse-solide-42") -> None:
    page.goto("/connexion/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url("**/")


def test_a_campaign_from_import_to_export(new_page, tmp_path):
    release = publish_competences()
    levels = {s["id"]: s["level"] for s in release.content["skills"]}
    skill_of = {c["id"]: c["skill"] for c in release.content["challenges"]}
    school = Organisation.objects.create(name="Collège Jean Moulin", type="SCO")
    teacher = make_user(username="prof", first_name="Paule", last_name="Prof")
    Membership.objects.create(organisation=school, user=teacher, role=MemberRole.ADMIN)
    page = new_page()
    sign_in(page, "prof")

    # The teacher imports the class: preview row by row, then confirm.
    page.get_by_role("link", name="Mon organisation").click()
    page.get_by_role("link", name="Élèves").click()
    page.set_input_files(
        "#id_file",
        files=[{"name": "3eA.csv", "mimeType": "text/csv",
                "buffer": CLASS_LIST.encode()}],
    )  # fmt: skip
    page.get_by_role("button", name="Prévisualiser l'import").click()
    expect(page.locator(".import-rejected")).to_contain_text(
        "Champ obligatoire manquant : nom."
    )
    assert_accessible(page, "import preview")
    page.get_by_role("button", name="Importer les 2 lignes valides").click()
    expect(page.locator("table.learners tbody tr")).to_have_count(2)

    # A target profile: the tubes of both competences up to level 2.
    page.get_by_role("link", name="Profils cibles").click()
    page.fill("#id_name", "Numérique 3e")
    page.get_by_role("button", name="Créer", exact=True).click()
    selects = page.locator("select[name^=cap-]")
    for number in range(selects.count()):
        selects.nth(number).select_option("2")
    expect(page.locator("#skill-count")).to_have_text("8 acquis visés")
    assert_accessible(page, "target profile")
    page.get_by_role("button", name="Enregistrer les sujets").click()
    expect(page.get_by_role("status")).to_contain_text("8 acquis visés")

    # The campaign.
    page.get_by_role("link", name="Campagnes").click()
    page.fill("#id_title", "Rentrée 3e A")
    page.select_option("#id_target_profile", label="Numérique 3e")
    page.fill("#id_landing_text", "Bienvenue en 3e A !")
    page.get_by_role("button", name="Créer la campagne").click()
    code = page.locator(".campaign-code").inner_text()

    # The pupil joins with the code and creates an account without e-mail.
    pupil = new_page()
    pupil.goto("/")
    pupil.get_by_role("link", name="J'ai un code").click()
    pupil.fill("#id_code", code.lower())
    pupil.get_by_role("button", name="Accéder au parcours").click()
    expect(pupil.locator(".campaign-landing-text")).to_contain_text("Bienvenue en 3e A")
    pupil.get_by_role("button", name="Je commence").click()
    assert_accessible(pupil, "identification")
    pupil.fill("#id_first_name", "lea")
    pupil.fill("#id_last_name", "DUPONT")
    pupil.fill("#id_birthdate", "2011-03-07")
    pupil.fill("#id_password", "un-mot-de-passe-solide")
    pupil.get_by_role("button", name="Créer mon compte").click()
    expect(pupil.locator(".new-username")).to_have_text("lea.dupont0703")
    pupil.get_by_role("button", name="Je commence").click()

    # The adaptive test, with its checkpoints; level 1 known, level 2 not.
    for _ in range(40):
        if "/resultat/" in pupil.url:
            break
        if "/bilan/" in pupil.url:
            # Every five answers, or the last corrections before the result.
            pupil.get_by_role(
                "button", name=re.compile("Continuer le test|Voir mon résultat")
            ).click()
            pupil.wait_for_load_state("networkidle")
            continue
        challenge = pupil.locator("input[name=challenge]").input_value()
        level = levels[skill_of[challenge]]
        pupil.fill("#field-r", str(level) if level == 1 else "je ne sais pas")
        submit_and_wait(pupil, "Je valide")
    expect(pupil.locator(".campaign-result")).to_contain_text("Maîtrise : 50 %")
    pupil.get_by_role("link", name="Envoyer mes résultats").click()
    assert_accessible(pupil, "share")
    pupil.get_by_role("button", name="J'envoie mes résultats").click()
    expect(pupil.locator(".shared-mastery")).to_contain_text("4 acquis validés sur 8")

    # The teacher sees the result (the dashboard polls) and exports it.
    expect(page.locator(".shared-count")).to_have_text("1", timeout=20_000)
    expect(page.locator("table.participants")).to_contain_text("Dupont Léa")
    assert_accessible(page, "dashboard")
    with page.expect_download() as download:
        page.get_by_role("link", name="Exporter (CSV)").click()
    content = tmp_path / "export.csv"
    download.value.save_as(content)
    text = content.read_bytes().decode("utf-8")
    assert text.startswith("\ufeffNom;Prénom;Classe;Progression;")
    line = text.splitlines()[1].split(";")
    assert line[:3] == ["Dupont", "Léa", "3e A"]
    assert "50 %" in line
    assert Participation.objects.get().status == "SHARED"
