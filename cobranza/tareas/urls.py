"""The supervisor's page of scheduled jobs (gathered by cobranza/urls.py)."""

from django.urls import path

from cobranza.tareas import views

urlpatterns = [
    path("tareas/", views.tareas, name="tareas"),
]
