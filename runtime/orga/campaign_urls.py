"""Campaigns for learners, under /campagnes/."""

from django.urls import path

from . import participant_views as views

urlpatterns = [
    path("", views.campaign_code, name="campaign_code"),
    path("<str:code>/", views.campaign_landing, name="campaign_landing"),
    path("<str:code>/commencer/", views.campaign_start, name="campaign_start"),
    path(
        "<str:code>/identification/", views.campaign_identify, name="campaign_identify"
    ),
    path(
        "<str:code>/participation/",
        views.campaign_participation,
        name="campaign_participation",
    ),
    path("<str:code>/envoyer/", views.campaign_share, name="campaign_share"),
    path("<str:code>/repasser/", views.campaign_retry, name="campaign_retry"),
]
