"""The read replica for real: a second PostgreSQL database on the same server stands in for it.

Not collected by the suite (its name does not start with test_): test_replica.py runs it in a
pytest of its own with DATABASE_URL and DATABASE_REPLICA_URL set, on PostgreSQL.
Each database is its own test database, so a row written to only one of them shows where a
read went.
"""

import pytest
from django.conf import settings
from django.db import connections

from padron.models import Cartera
from padron.replica import REPLICA, alias_lectura, en_replica

pytestmark = [
    pytest.mark.skipif(
        REPLICA not in settings.DATABASES,
        reason="necesita DATABASE_URL y DATABASE_REPLICA_URL a dos bases PostgreSQL",
    ),
    pytest.mark.django_db(databases=["default", REPLICA]),
]


def _cartera(clave, base):
    return Cartera.objects.using(base).create(
        clave=clave, nombre=f"Cartera {clave}", tipo=Cartera.Tipo.AGUA, institucion="OOMAPAS"
    )


def test_dentro_de_en_replica_el_orm_lee_la_replica():
    _cartera("solo-en-replica", REPLICA)
    _cartera("solo-en-primaria", "default")

    with en_replica():
        claves = set(Cartera.objects.values_list("clave", flat=True))

    assert "solo-en-replica" in claves
    assert "solo-en-primaria" not in claves


def test_fuera_del_contexto_se_lee_la_primaria():
    _cartera("solo-en-replica", REPLICA)
    _cartera("solo-en-primaria", "default")
    with en_replica():
        pass

    claves = set(Cartera.objects.values_list("clave", flat=True))

    assert "solo-en-primaria" in claves
    assert "solo-en-replica" not in claves


def test_el_sql_directo_usa_alias_lectura():
    _cartera("solo-en-replica", REPLICA)
    consulta = "SELECT count(*) FROM padron_cartera WHERE clave = 'solo-en-replica'"

    with en_replica():
        alias = alias_lectura()
        with connections[alias].cursor() as cursor:
            cursor.execute(consulta)
            dentro = cursor.fetchone()[0]
    with connections[alias_lectura()].cursor() as cursor:
        cursor.execute(consulta)
        fuera = cursor.fetchone()[0]

    assert (alias, dentro, fuera) == (REPLICA, 1, 0)


def test_las_escrituras_van_a_la_primaria_aun_dentro_de_en_replica():
    with en_replica():
        cartera = _cartera_orm("escrita-dentro")
        cartera.nombre = "Renombrada"
        cartera.save()

    assert Cartera.objects.using("default").get(clave="escrita-dentro").nombre == "Renombrada"
    assert not Cartera.objects.using(REPLICA).filter(clave="escrita-dentro").exists()


def test_un_objeto_leido_de_la_replica_se_guarda_en_la_primaria():
    _cartera("en-ambas", "default")
    _cartera("en-ambas", REPLICA)
    with en_replica():
        cartera = Cartera.objects.get(clave="en-ambas")
    assert cartera._state.db == REPLICA

    cartera.nombre = "Cambio de la primaria"
    cartera.save()

    assert Cartera.objects.using("default").get(clave="en-ambas").nombre == "Cambio de la primaria"
    assert Cartera.objects.using(REPLICA).get(clave="en-ambas").nombre == "Cartera en-ambas"


def _cartera_orm(clave):
    # No `using`: the router decides (create() is a write).
    return Cartera.objects.create(
        clave=clave, nombre=f"Cartera {clave}", tipo=Cartera.Tipo.AGUA, institucion="OOMAPAS"
    )
