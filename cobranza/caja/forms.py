"""Forms of the caja's pages: they translate input; the rules live in services.py."""

from django import forms

from cobranza.caja.models import DENOMINACIONES, clave_denominacion
from padron.dinero import formato_pesos


class CierreForm(forms.Form):
    """The count at the end of the day: pieces of each bill and coin, the other totals."""

    tarjeta = forms.CharField(
        label="Total de tarjeta según el cierre de la terminal",
        initial="0.00",
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    cheque = forms.CharField(
        label="Total de los cheques recibidos",
        initial="0.00",
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    transferencia = forms.CharField(
        label="Total de transferencias confirmadas",
        initial="0.00",
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    motivo_diferencia = forms.CharField(
        label="Motivo de la diferencia",
        required=False,
        max_length=250,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Obligatorio si lo contado no coincide con el sistema (sobrante o faltante).",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for tipo, valor in DENOMINACIONES:
            clave = clave_denominacion(tipo, valor)
            self.fields[clave] = forms.IntegerField(
                label=f"{'Billetes' if tipo == 'billete' else 'Monedas'} de {formato_pesos(valor)}",
                min_value=0,
                initial=0,
                required=False,
                widget=forms.NumberInput(
                    attrs={"min": 0, "inputmode": "numeric", "data-valor": str(valor)}
                ),
                error_messages={
                    "invalid": "Escriba un número entero de piezas.",
                    "min_value": "El número de piezas no puede ser negativo.",
                },
            )

    def denominaciones(self):
        """The bound fields of the count, bills then coins, for the table of the page."""
        return [self[clave_denominacion(tipo, valor)] for tipo, valor in DENOMINACIONES]

    def conteo(self) -> dict:
        return {
            clave_denominacion(tipo, valor): self.cleaned_data.get(clave_denominacion(tipo, valor))
            or 0
            for tipo, valor in DENOMINACIONES
        }
