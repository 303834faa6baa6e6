from django.contrib.auth import views as auth_views
from django.urls import path

from .learning import account_views, forms, password_reset, views

urlpatterns = [
    # A test step first: the request learners make most.
    path("tests/<int:pk>/repondre/", views.assessment_answer, name="assessment_answer"),
    path("tests/<int:pk>/", views.assessment, name="assessment"),
    path("", views.home, name="learner_home"),
    path("inscription/", views.signup, name="signup"),
    path("inscription/envoye/", views.signup_sent, name="signup_sent"),
    path("inscription/activer/<str:key>/", views.signup_confirm, name="signup_confirm"),
    path(
        "connexion/",
        auth_views.LoginView.as_view(
            template_name="runtime/login.html", form_class=forms.DsfrAuthenticationForm
        ),
        name="login",
    ),
    path("deconnexion/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "mot-de-passe/",
        password_reset.PasswordResetView.as_view(),
        name="password_reset",
    ),
    path(
        "mot-de-passe/envoye/",
        auth_views.PasswordResetDoneView.as_view(
            template_name="runtime/password_reset_done.html"
        ),
        name="password_reset_done",
    ),
    path(
        "mot-de-passe/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="runtime/password_reset.html",
            form_class=forms.DsfrSetPasswordForm,
        ),
        name="password_reset_confirm",
    ),
    path(
        "mot-de-passe/fait/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="runtime/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
    path("competences/<str:code>/", views.competence_detail, name="competence_detail"),
    path(
        "competences/<str:code>/commencer/",
        views.competence_start,
        name="competence_start",
    ),
    path(
        "competences/<str:code>/remise-a-zero/",
        views.competence_reset,
        name="competence_reset",
    ),
    path(
        "tests/<int:pk>/bilan/",
        views.assessment_checkpoint,
        name="assessment_checkpoint",
    ),
    path(
        "tests/<int:pk>/chronometre/",
        views.assessment_timer_start,
        name="assessment_timer_start",
    ),
    path("tests/<int:pk>/quitter/", views.assessment_quit, name="assessment_quit"),
    path("tests/<int:pk>/resultat/", views.assessment_result, name="assessment_result"),
    path(
        "tests/<int:pk>/corrections/",
        views.assessment_corrections,
        name="assessment_corrections",
    ),
    path("mes-tutos/", views.my_tutorials, name="my_tutorials"),
    path("compte/", account_views.account, name="account"),
    path("compte/e-mail/", account_views.account_email, name="account_email"),
    path(
        "compte/e-mail/confirmer/<str:token>/",
        account_views.account_email_confirm,
        name="account_email_confirm",
    ),
    path("compte/langue/", account_views.account_language, name="account_language"),
    path(
        "compte/mot-de-passe/", account_views.account_password, name="account_password"
    ),
    path("compte/mes-donnees/", account_views.account_export, name="account_export"),
    path("compte/supprimer/", account_views.account_delete, name="account_delete"),
    path(
        "donnees-personnelles/",
        account_views.personal_data_page,
        name="personal_data",
    ),
    path("tutos/proposer/", views.tutorial_proposal, name="tutorial_proposal"),
    path(
        "tutos/<str:tutorial_id>/<str:field>/",
        views.tutorial_bookmark,
        name="tutorial_bookmark",
    ),
    path(
        "epreuves/<str:challenge_id>/signaler/",
        views.report_problem,
        name="report_problem",
    ),
]
