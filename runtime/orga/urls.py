"""The organisation space, under /orga/."""

from django.urls import path

from . import campaign_views, learner_views, profile_views, views

urlpatterns = [
    path("", views.orga_index, name="orga_index"),
    path("invitations/<str:token>/", views.invitation, name="orga_invitation"),
    path("mot-de-passe/", learner_views.password_change, name="orga_password_change"),
    path("<int:org>/", views.orga_home, name="orga_home"),
    path("<int:org>/eleves/", learner_views.learner_list, name="orga_learners"),
    path("<int:org>/campagnes/", campaign_views.campaign_list, name="orga_campaigns"),
    path(
        "<int:org>/campagnes/<int:pk>/",
        campaign_views.campaign_detail,
        name="orga_campaign",
    ),
    path(
        "<int:org>/campagnes/<int:pk>/tableau/",
        campaign_views.campaign_live,
        name="orga_campaign_live",
    ),
    path(
        "<int:org>/campagnes/<int:pk>/export.csv",
        campaign_views.campaign_export,
        name="orga_campaign_export",
    ),
    path(
        "<int:org>/campagnes/<int:pk>/modifier/",
        campaign_views.campaign_edit,
        name="orga_campaign_edit",
    ),
    path(
        "<int:org>/campagnes/<int:pk>/archiver/",
        campaign_views.campaign_archive,
        name="orga_campaign_archive",
    ),
    path(
        "<int:org>/eleves/importer/",
        learner_views.learner_import_upload,
        name="orga_learner_import_upload",
    ),
    path(
        "<int:org>/eleves/imports/<int:pk>/",
        learner_views.learner_import,
        name="orga_learner_import",
    ),
    path("<int:org>/profils-cibles/", profile_views.profile_list, name="orga_profiles"),
    path(
        "<int:org>/profils-cibles/<int:pk>/",
        profile_views.profile_detail,
        name="orga_profile",
    ),
    path(
        "<int:org>/profils-cibles/<int:pk>/sujets/",
        profile_views.profile_tubes,
        name="orga_profile_tubes",
    ),
    path(
        "<int:org>/profils-cibles/<int:pk>/compter/",
        profile_views.profile_count,
        name="orga_profile_count",
    ),
    path(
        "<int:org>/profils-cibles/<int:pk>/paliers/",
        profile_views.profile_stage_add,
        name="orga_profile_stage_add",
    ),
    path(
        "<int:org>/profils-cibles/<int:pk>/badges/",
        profile_views.profile_badge_add,
        name="orga_profile_badge_add",
    ),
    path(
        "<int:org>/profils-cibles/<int:pk>/<str:kind>/<int:item>/retirer/",
        profile_views.profile_item_remove,
        name="orga_profile_item_remove",
    ),
    path(
        "<int:org>/profils-cibles/<int:pk>/copier/",
        profile_views.profile_copy,
        name="orga_profile_copy",
    ),
    path(
        "<int:org>/eleves/<int:pk>/mot-de-passe/",
        learner_views.learner_password_reset,
        name="orga_learner_password_reset",
    ),
    path("<int:org>/membres/", views.members, name="orga_members"),
    path(
        "<int:org>/membres/<int:membership_id>/retirer/",
        views.member_remove,
        name="orga_member_remove",
    ),
]
