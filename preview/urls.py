from django.urls import path

from . import views

urlpatterns = [
    path("share/<str:token>/", views.shared_preview, name="preview_shared"),
]
