"""The cortador's phone page: its route, usable without signal.

The page is a shell; static/js/cortador.js downloads the route from the API, keeps it and
the results recorded offline in the phone (localStorage), and sends them when the signal
returns. The service worker (static/js/sw.js, served under /cortador/ so that its scope
covers the page) keeps the shell itself, so a reload in the street still shows the route.
"""

import hashlib
import json
from pathlib import Path

from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import HttpResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.csrf import ensure_csrf_cookie
from django.views.decorators.http import require_GET

from cobranza.models import OrdenCorte
from padron.permisos import requiere

# A folio never contains this: the page replaces it with the order's folio.
MARCA_FOLIO = "__folio__"


@requiere("cobranza.registrar_resultado_corte")
@ensure_csrf_cookie
def ruta(request):
    return render(
        request,
        "cobranza/cortador/ruta.html",
        {
            "motivos": [{"valor": v, "texto": t} for v, t in OrdenCorte.Motivo.choices],
            "url_resultado": reverse("api:cortador-resultado", args=[MARCA_FOLIO]),
            "marca_folio": MARCA_FOLIO,
        },
    )


def _codigo_sw():
    ruta = finders.find("js/sw.js")
    if ruta:
        return Path(ruta).read_text(encoding="utf-8")
    with staticfiles_storage.open("js/sw.js") as archivo:
        return archivo.read().decode("utf-8")


@require_GET
def service_worker(request):
    """The service worker, with the files it must keep (their static URLs may carry a hash);
    its version changes with them, so the phones pick up a new page."""
    precarga = [reverse("cobranza:cortador_ruta"), static("css/app.css"), static("js/cortador.js")]
    codigo = _codigo_sw()
    version = hashlib.sha256((json.dumps(precarga) + codigo).encode()).hexdigest()[:12]
    respuesta = HttpResponse(
        f"self.PRECARGA = {json.dumps(precarga)};\nself.VERSION = {json.dumps(version)};\n"
        + codigo,
        content_type="application/javascript; charset=utf-8",
    )
    respuesta["Service-Worker-Allowed"] = reverse("cobranza:cortador_ruta")
    respuesta["Cache-Control"] = "no-cache"
    return respuesta
