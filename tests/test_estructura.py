"""The house stays easy to walk: cobranza's top level only gathers; each subdomain has its
folder with the same file names (docs/ARCHITECTURE.md)."""

from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
REUNEN = {
    "__init__",
    "admin",
    "apps",
    "catalogos",
    "models",
    "urls",
    "urls_api",
    "tasks",
    "signals",
}
NOMBRES_DE_CAPA = ("api_", "urls_", "selectors_", "forms_", "documentos_", "views_")


def test_la_raiz_de_cobranza_solo_reune():
    modulos = {p.stem for p in (RAIZ / "cobranza").glob("*.py")}
    assert modulos == REUNEN


def test_ninguna_app_tiene_modulos_de_capa_sueltos():
    sueltos = [
        p.relative_to(RAIZ).as_posix()
        for app in ("padron", "cobranza", "convenios")
        for p in (RAIZ / app).rglob("*.py")
        if p.stem.startswith(NOMBRES_DE_CAPA)
        and p.stem != "urls_api"  # each app's gatherer of /api/v1/ routes
        and "migrations" not in p.parts
    ]
    assert sueltos == []
