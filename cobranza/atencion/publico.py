"""Guards for the pages the public reaches without logging in (quejas, encuestas): a rate limit
per address, a honeypot field that people never see, a minimum time to fill the form (bots
post at once), and text fields that refuse HTML. No captcha: a clerk's grandmother must manage."""

import re
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.core.cache import cache

# Posts allowed per address and window; settings may tighten them.
LIMITE_PUBLICO = getattr(settings, "ATENCION_LIMITE_PUBLICO", 10)
VENTANA_PUBLICA_S = getattr(settings, "ATENCION_VENTANA_PUBLICA_S", 3600)
SEGUNDOS_MINIMOS = getattr(settings, "ATENCION_SEGUNDOS_MINIMOS", 3)
_FIRMA = "atencion.formulario-publico"
_HTML = re.compile(r"<\s*/?\s*[a-zA-Z!]|&#?\w+;")


def direccion(request) -> str:
    # Behind the institution's proxy the first X-Forwarded-For hop is the client.
    reenviada = request.META.get("HTTP_X_FORWARDED_FOR", "")
    return reenviada.split(",")[0].strip() or request.META.get("REMOTE_ADDR", "")


def limite_excedido(request, accion: str, *, limite=None, ventana_s=None) -> bool:
    """Count this request against its address; True once the address passed the limit."""
    limite = limite or LIMITE_PUBLICO
    clave = f"publico:{accion}:{direccion(request)}"
    cache.add(clave, 0, timeout=ventana_s or VENTANA_PUBLICA_S)
    try:
        cuenta = cache.incr(clave)
    except ValueError:  # expired between add and incr
        cache.set(clave, 1, timeout=ventana_s or VENTANA_PUBLICA_S)
        cuenta = 1
    return cuenta > limite


def sin_html(valor: str) -> str:
    if valor and _HTML.search(valor):
        raise forms.ValidationError("No se aceptan etiquetas HTML; escriba solo texto.")
    return valor


class FormularioPublico(forms.Form):
    """Base of every public form: `sitio_web` is the honeypot (hidden by CSS), `marca` a
    signed timestamp of when the form was shown."""

    sitio_web = forms.CharField(required=False, label="Deje este campo vacío")
    marca = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["marca"] = signing.dumps(time.time(), salt=_FIRMA)

    def clean(self):
        datos = super().clean()
        if datos.get("sitio_web"):
            raise forms.ValidationError("No se pudo recibir el formulario.", code="trampa")
        try:
            mostrado = signing.loads(self.data.get("marca", ""), salt=_FIRMA, max_age=86400)
        except signing.BadSignature:
            raise forms.ValidationError(
                "El formulario caducó; vuelva a cargar la página.", code="marca"
            ) from None
        if time.time() - float(mostrado) < SEGUNDOS_MINIMOS:
            raise forms.ValidationError(
                "Se envió demasiado rápido; revise sus datos y envíe de nuevo.", code="rapido"
            )
        for nombre, valor in list(datos.items()):
            if isinstance(valor, str) and nombre not in ("marca", "sitio_web"):
                try:
                    sin_html(valor)
                except forms.ValidationError as exc:
                    self.add_error(nombre, exc)
        return datos
