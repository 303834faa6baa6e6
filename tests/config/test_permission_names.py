"""Permissions are named in French, as Wagtail's group editor shows them."""

import re

import pytest
from django.apps import apps
from django.contrib.auth.models import Permission
from django.urls import reverse

from config.permission_names import rename_default_permissions
from runtime.models import Release

pytestmark = pytest.mark.django_db


def _name(label: str) -> str:
    app_label, codename = label.split(".")
    return Permission.objects.get(
        content_type__app_label=app_label, codename=codename
    ).name


def test_default_and_custom_permissions_have_french_names():
    assert _name("authoring.add_challenge") == "Peut ajouter des épreuves"
    assert _name("authoring.change_hint") == "Peut modifier les indices"
    assert _name("authoring.view_tutorial") == "Peut consulter les tutoriels"
    assert _name("runtime.delete_release") == "Peut supprimer les versions publiées"
    assert _name("runtime.publish_release") == "Peut publier une version"
    assert _name("wagtailimages.add_image") == "Peut ajouter des images"


def test_a_migration_renames_permissions_created_in_english():
    """A database migrated before keeps no English name after the next migrate."""
    Permission.objects.filter(codename="add_challenge").update(name="Can add épreuve")
    Permission.objects.filter(codename="publish_release").update(
        name="Peut publier une release"
    )

    renamed = rename_default_permissions(apps.get_app_config("authoring"))
    renamed += rename_default_permissions(apps.get_app_config("runtime"))

    assert renamed == 2
    assert _name("authoring.add_challenge") == "Peut ajouter des épreuves"
    assert _name("runtime.publish_release") == "Peut publier une version"


def test_the_group_editor_shows_no_english_permission(client, superuser):
    from django.contrib.auth.models import Group

    group = Group.objects.create(name="Essai")
    client.force_login(superuser)

    page = client.get(
        reverse("wagtailusers_groups:edit", args=[group.pk]),
        HTTP_ACCEPT_LANGUAGE="fr",
    ).content.decode()

    assert "Peut ajouter des épreuves" in page
    assert re.findall(r"Can (?:add|change|delete|view) [^<]*", page) == []


def test_the_release_is_called_a_published_version():
    assert str(Release._meta.verbose_name) == "version publiée"
    assert str(Release._meta.verbose_name_plural) == "versions publiées"
