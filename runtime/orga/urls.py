"""The organisation space, under /orga/."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.orga_index, name="orga_index"),
    path("invitations/<str:token>/", views.invitation, name="orga_invitation"),
    path("<int:org>/", views.orga_home, name="orga_home"),
    path("<int:org>/membres/", views.members, name="orga_members"),
    path(
        "<int:org>/membres/<int:membership_id>/retirer/",
        views.member_remove,
        name="orga_member_remove",
    ),
]
