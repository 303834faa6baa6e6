"""Load the CRCN: 5 areas, 16 competences, DigComp 2.2 and the correspondence."""

from django.db import migrations

AREAS = [
    ("1", "Information et données"),
    ("2", "Communication et collaboration"),
    ("3", "Création de contenu"),
    ("4", "Protection et sécurité"),
    ("5", "Environnement numérique"),
]

COMPETENCES = [
    ("1.1", "Mener une recherche et une veille d'information"),
    ("1.2", "Gérer des données"),
    ("1.3", "Traiter des données"),
    ("2.1", "Interagir"),
    ("2.2", "Partager et publier"),
    ("2.3", "Collaborer"),
    ("2.4", "S'insérer dans le monde numérique"),
    ("3.1", "Développer des documents textuels"),
    ("3.2", "Développer des documents multimédia"),
    ("3.3", "Adapter les documents à leur finalité"),
    ("3.4", "Programmer"),
    ("4.1", "Sécuriser l'environnement numérique"),
    ("4.2", "Protéger les données personnelles et la vie privée"),
    ("4.3", "Protéger la santé, le bien-être et l'environnement"),
    ("5.1", "Résoudre des problèmes techniques"),
    ("5.2", "Construire un environnement numérique"),
]

DIGCOMP = [
    ("1.1", "Browsing, searching and filtering data, information and digital content"),
    ("1.2", "Evaluating data, information and digital content"),
    ("1.3", "Managing data, information and digital content"),
    ("2.1", "Interacting through digital technologies"),
    ("2.2", "Sharing through digital technologies"),
    ("2.3", "Engaging in citizenship through digital technologies"),
    ("2.4", "Collaborating through digital technologies"),
    ("2.5", "Netiquette"),
    ("2.6", "Managing digital identity"),
    ("3.1", "Developing digital content"),
    ("3.2", "Integrating and re-elaborating digital content"),
    ("3.3", "Copyright and licences"),
    ("3.4", "Programming"),
    ("4.1", "Protecting devices"),
    ("4.2", "Protecting personal data and privacy"),
    ("4.3", "Protecting health and well-being"),
    ("4.4", "Protecting the environment"),
    ("5.1", "Solving technical problems"),
    ("5.2", "Identifying needs and technological responses"),
    ("5.3", "Creatively using digital technologies"),
    ("5.4", "Identifying digital competence gaps"),
]

# CRCN competence -> DigComp 2.2 competences (DOMAIN.md §1).
CORRESPONDENCE = {
    "1.1": ["1.1", "1.2"],
    "1.2": ["1.3"],
    "1.3": ["1.3"],
    "2.1": ["2.1", "2.5"],
    "2.2": ["2.2"],
    "2.3": ["2.4"],
    "2.4": ["2.3", "2.6"],
    "3.1": ["3.1"],
    "3.2": ["3.1", "3.2"],
    "3.3": ["3.2", "3.3"],
    "3.4": ["3.4"],
    "4.1": ["4.1"],
    "4.2": ["4.2"],
    "4.3": ["4.3", "4.4"],
    "5.1": ["5.1"],
    "5.2": ["5.2", "5.3", "5.4"],
}


def load_crcn(apps, schema_editor):
    Area = apps.get_model("referential", "Area")
    Competence = apps.get_model("referential", "Competence")
    DigCompCompetence = apps.get_model("referential", "DigCompCompetence")
    areas = {
        code: Area.objects.update_or_create(code=code, defaults={"title": title})[0]
        for code, title in AREAS
    }
    digcomp = {
        code: DigCompCompetence.objects.update_or_create(
            code=code, defaults={"title": title}
        )[0]
        for code, title in DIGCOMP
    }
    for code, title in COMPETENCES:
        competence, _ = Competence.objects.update_or_create(
            code=code, defaults={"title": title, "area": areas[code.split(".")[0]]}
        )
        competence.digcomp.set([digcomp[item] for item in CORRESPONDENCE[code]])


class Migration(migrations.Migration):
    dependencies = [("referential", "0001_initial")]

    operations = [migrations.RunPython(load_crcn, migrations.RunPython.noop)]
