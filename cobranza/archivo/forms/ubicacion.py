"""Forms of the archive's catalogs, the inventory filters and the audit scanner. They only
translate the request: uniqueness and the other rules live in services/ubicacion.py."""

from django import forms

from cobranza.archivo.selectors.ubicacion import (
    cajas_opciones,
    carpetas_opciones,
    estantes_opciones,
)
from cobranza.models import Archivo, Documento, TipoDocumento

ELIJA = "Elija…"


def _requerido(mensaje):
    return {"required": mensaje, "invalid_choice": "Opción no válida."}


class ArchivoForm(forms.Form):
    nombre = forms.CharField(
        label="Nombre del archivo",
        max_length=80,
        error_messages={"required": "Escriba el nombre del archivo."},
    )
    domicilio = forms.CharField(label="Domicilio", max_length=200, required=False)


class EstanteForm(forms.Form):
    archivo = forms.ModelChoiceField(
        label="Archivo",
        queryset=Archivo.objects.all(),
        empty_label=ELIJA,
        error_messages=_requerido("Elija el archivo del estante."),
    )
    clave = forms.CharField(
        label="Estante", max_length=20, error_messages={"required": "Escriba la clave del estante."}
    )


class CajaForm(forms.Form):
    estante = forms.ModelChoiceField(
        label="Estante",
        queryset=estantes_opciones(),
        empty_label=ELIJA,
        error_messages=_requerido("Elija el estante de la caja."),
    )
    clave = forms.CharField(
        label="Caja", max_length=20, error_messages={"required": "Escriba la clave de la caja."}
    )
    descripcion = forms.CharField(label="Contenido", max_length=200, required=False)


class CarpetaForm(forms.Form):
    caja = forms.ModelChoiceField(
        label="Caja",
        queryset=cajas_opciones(),
        empty_label=ELIJA,
        error_messages=_requerido("Elija la caja de la carpeta."),
    )
    clave = forms.CharField(
        label="Carpeta",
        max_length=30,
        error_messages={"required": "Escriba la clave de la carpeta."},
    )


def form_edicion(clase):
    """The same form without the parent field: renaming does not move (caja_mover does)."""
    padre = {EstanteForm: "archivo", CajaForm: "estante", CarpetaForm: "caja"}.get(clase)

    class Edicion(clase):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            if padre:
                del self.fields[padre]

    Edicion.__name__ = f"{clase.__name__}Edicion"
    return Edicion


class CajaMoverForm(forms.Form):
    estante = forms.ModelChoiceField(
        label="Mover al estante",
        queryset=estantes_opciones(),
        empty_label=ELIJA,
        error_messages=_requerido("Elija el estante al que se mueve la caja."),
    )


class DocumentoUbicarForm(forms.Form):
    carpeta = forms.ModelChoiceField(
        label="Carpeta",
        queryset=carpetas_opciones(),
        required=False,
        empty_label="Sin ubicar",
        error_messages={"invalid_choice": "Carpeta no válida."},
    )


class InventarioFiltroForm(forms.Form):
    archivo = forms.ModelChoiceField(
        label="Archivo", queryset=Archivo.objects.all(), required=False, empty_label="Todos"
    )
    estante = forms.ModelChoiceField(
        label="Estante", queryset=estantes_opciones(), required=False, empty_label="Todos"
    )
    caja = forms.CharField(label="Caja", max_length=20, required=False)
    estado = forms.ChoiceField(
        label="Estado", choices=[("", "Todos"), *Documento.Estado.choices], required=False
    )
    tipo = forms.ModelChoiceField(
        label="Tipo", queryset=TipoDocumento.objects.all(), required=False, empty_label="Todos"
    )
    cuenta = forms.CharField(label="Cuenta", max_length=30, required=False)
    sin_ubicar = forms.BooleanField(label="Originales sin ubicar", required=False)


class LecturaForm(forms.Form):
    codigo = forms.CharField(
        label="Código leído",
        max_length=100,
        error_messages={"required": "Lea o escriba un código."},
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "off"}),
    )


class EtiquetasForm(forms.Form):
    cuentas = forms.CharField(
        label="Cuentas (números separados por coma o espacio)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
