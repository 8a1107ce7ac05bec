from django.contrib.auth import views as auth_views
from django.urls import path

from . import (
    claim_views,
    document_views,
    participant_views,
    personal_data_views,
    role_views,
    views,
)

app_name = "stakeholders"

urlpatterns = [
    path("accounts/signup/", views.signup, name="signup"),
    path("accounts/verify/", views.verify, name="verify"),
    path("accounts/login/", views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(next_page="/"), name="logout"),
    path("accounts/me/", views.me, name="me"),
    path("accounts/me/data.zip", personal_data_views.my_data, name="my_data"),
    path("accounts/me/withdraw/", personal_data_views.withdraw, name="withdraw"),
    path("venues/<slug:venue>/roles/new/", role_views.assign_role, name="assign_role"),
    path("venues/<slug:venue>/accreditation/", views.request_accreditation, name="request"),
    path("venues/<slug:venue>/accreditations/", views.queue, name="queue"),
    path("accreditations/<int:pk>/decide/", views.decide_request, name="decide"),
    path(
        "accreditations/<int:pk>/documents/<int:document>/",
        document_views.document,
        name="document",
    ),
    path("venues/<slug:venue>/participants/", participant_views.participants, name="participants"),
    path(
        "venues/<slug:venue>/organisations/<slug:organisation>/claims/",
        claim_views.claims,
        name="claims",
    ),
    path("claims/<int:pk>/answer/", claim_views.answer, name="answer_claim"),
    path(
        "venues/<slug:venue>/participants/delegations/<slug:delegation>/",
        participant_views.delegation,
        name="delegation",
    ),
    # Seats by kind and the composition (issue 12, richer standing).
    path("venues/<slug:venue>/roles/", role_views.roles, name="roles"),
]
