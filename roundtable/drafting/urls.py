from django.urls import path

from . import views

app_name = "drafting"

urlpatterns = [
    path("venues/<slug:venue>/<slug:process>/documents/", views.documents, name="documents"),
    path("documents/<int:pk>/", views.document, name="document"),
    path("documents/<int:pk>/draft/", views.draft, name="draft"),
    path("documents/<int:pk>/amend/", views.amend, name="amend"),
    path("documents/<int:pk>/comment/", views.comment, name="comment"),
    path("documents/<int:pk>/redline/", views.redline_page, name="redline"),
    path("documents/<int:pk>/inputs/", views.inputs, name="inputs"),
    path("amendments/<int:pk>/", views.amendment, name="amendment"),
    path("contributions/<int:pk>/where/", views.where, name="where"),
]
