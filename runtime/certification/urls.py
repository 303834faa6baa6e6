from django.urls import path

from .views import candidate, centre, certificates, invigilator, jury

app_name = "certification"

urlpatterns = [
    # Candidates
    path("", candidate.learner_home, name="home"),
    path("rejoindre/", candidate.join, name="join"),
    path("candidatures/<int:pk>/", candidate.candidacy, name="candidacy"),
    path("tests/<int:pk>/", candidate.test_page, name="test"),
    path("tests/<int:pk>/repondre/", candidate.test_answer, name="test_answer"),
    path("certificats/<int:pk>/", certificates.certificate, name="certificate"),
    path(
        "certificats/<int:pk>/pdf/",
        certificates.certificate_download,
        name="certificate_pdf",
    ),
    path(
        "certificats/<int:pk>/open-badges/<str:competence>.json",
        certificates.open_badge,
        name="open_badge",
    ),
    # Anyone
    path("verifier/", certificates.verify, name="verify"),
    path("verifier/<str:code>/", certificates.verify_code, name="verify_code"),
    # Centres
    path("centres/", centre.centre_list, name="centres"),
    path("centres/<int:pk>/", centre.centre_detail, name="centre"),
    path(
        "centres/<int:pk>/sessions/nouvelle/",
        centre.session_create,
        name="session_create",
    ),
    path("sessions/<int:pk>/", centre.session_detail, name="session"),
    path("sessions/<int:pk>/modifier/", centre.session_edit, name="session_edit"),
    path("sessions/<int:pk>/candidats/", centre.candidate_add, name="candidate_add"),
    path(
        "sessions/<int:pk>/candidats/<int:candidate_pk>/retirer/",
        centre.candidate_remove,
        name="candidate_remove",
    ),
    path("sessions/<int:pk>/import/", centre.candidate_import, name="candidate_import"),
    path(
        "sessions/<int:pk>/mot-de-passe-surveillant/",
        centre.invigilator_password_renew,
        name="password_renew",
    ),
    path("sessions/<int:pk>/finaliser/", centre.session_finalise, name="finalise"),
    path("sessions/<int:pk>/resultats.csv", centre.results_csv, name="results_csv"),
    # Invigilation
    path("surveillance/", invigilator.unlock, name="invigilator_unlock"),
    path("surveillance/<int:pk>/", invigilator.session_page, name="invigilate"),
    path(
        "surveillance/<int:pk>/candidats/<int:candidate_pk>/<str:action>/",
        invigilator.candidate_action,
        name="invigilator_action",
    ),
    # Jury
    path("jury/", jury.session_list, name="jury"),
    path("jury/sessions/<int:pk>/", jury.session_detail, name="jury_session"),
    path("jury/sessions/<int:pk>/publier/", jury.session_publish, name="jury_publish"),
    path(
        "jury/reponses/<int:pk>/decision/",
        jury.answer_decision,
        name="jury_decision",
    ),
]
