"""The discounts report's filter."""

from django import forms

from padron.fechas import hoy, primer_dia_del_mes
from padron.forms import campo_fecha
from padron.models import Cartera


class DescuentosForm(forms.Form):
    """The report's filter; empty dates mean this month (America/Hermosillo) up to today."""

    desde = campo_fecha("Desde", requerida=False)
    hasta = campo_fecha("Hasta", requerida=False)
    cartera = forms.ModelChoiceField(
        label="Cartera",
        queryset=Cartera.objects.order_by("nombre"),
        to_field_name="clave",
        required=False,
        empty_label="Todas",
        error_messages={"invalid_choice": "No existe esa cartera."},
    )

    def __init__(self, datos=None, **kwargs):
        # Show the default period in the fields, not blank ones.
        datos = datos.copy() if datos is not None else {}
        dia = hoy()
        if not datos.get("hasta"):
            datos["hasta"] = f"{dia:%d/%m/%Y}"
        if not datos.get("desde"):
            datos["desde"] = f"{primer_dia_del_mes(dia):%d/%m/%Y}"
        super().__init__(datos, **kwargs)

    def clean(self):
        datos = super().clean()
        if datos.get("desde") and datos.get("hasta") and datos["desde"] > datos["hasta"]:
            self.add_error("hasta", "La fecha final no puede ser anterior a la inicial.")
        return datos
