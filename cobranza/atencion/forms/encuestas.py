"""Forms of the survey pages: defining a survey (a formset of question rows), filtering its
results, and answering it on the public page. They carry values; the rules live in
cobranza/atencion/services/encuestas.py, whose errors the views put on the right field."""

from django import forms

from cobranza.atencion.models import Pregunta
from cobranza.atencion.publico import FormularioPublico, sin_html
from cobranza.atencion.selectors.encuestas import CANALES

FECHA = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/aaaa"})
FORMATOS = ["%d/%m/%Y", "%Y-%m-%d"]
FILAS_NUEVAS = 6  # empty question rows offered on a new survey
FILAS_MAS = 3  # rows added by «Agregar preguntas»


class EncuestaForm(forms.Form):
    nombre = forms.CharField(label="Nombre", max_length=120, required=False)
    descripcion = forms.CharField(
        label="Texto de presentación",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Lo que lee la persona antes de responder.",
    )
    en_ventanilla = forms.BooleanField(
        label="Al terminar una atención en ventanilla", required=False
    )
    en_avisos = forms.BooleanField(label="Liga en los avisos por correo y SMS", required=False)
    publica = forms.BooleanField(label="Página pública (sin invitación)", required=False)


class PreguntaForm(forms.Form):
    texto = forms.CharField(label="Pregunta", max_length=300, required=False)
    tipo = forms.ChoiceField(label="Tipo", choices=Pregunta.Tipo.choices, required=False)
    opciones = forms.CharField(
        label="Opciones (una por renglón)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Solo para «Opción de una lista».",
    )
    obligatoria = forms.BooleanField(label="Obligatoria", required=False, initial=True)

    def pregunta(self) -> dict | None:
        """The row as the service takes it; None for a row left blank."""
        datos = self.cleaned_data
        if not datos.get("texto", "").strip():
            return None
        return {
            "texto": datos["texto"],
            "tipo": datos["tipo"],
            "opciones": [o for o in datos["opciones"].splitlines() if o.strip()],
            "obligatoria": datos["obligatoria"],
        }


PreguntaFormSet = forms.formset_factory(PreguntaForm, extra=0, max_num=40, absolute_max=40)


def formset_de_preguntas(data=None, *, iniciales=None, mas_filas=False):
    """The question rows: the survey's questions (or blank rows), plus FILAS_MAS on request."""
    if data is not None and mas_filas:
        data = data.copy()
        total = int(data.get("preguntas-TOTAL_FORMS") or 0)
        data["preguntas-TOTAL_FORMS"] = str(min(total + FILAS_MAS, 40))
    if data is None and not iniciales:
        iniciales = [{"tipo": Pregunta.Tipo.ESCALA, "obligatoria": True}] * FILAS_NUEVAS
    return PreguntaFormSet(data, initial=iniciales, prefix="preguntas")


class FiltroResultadosForm(forms.Form):
    desde = forms.DateField(
        label="Desde",
        required=False,
        widget=FECHA,
        input_formats=FORMATOS,
        error_messages={"invalid": "Fecha no válida; use dd/mm/aaaa."},
    )
    hasta = forms.DateField(
        label="Hasta",
        required=False,
        widget=FECHA,
        input_formats=FORMATOS,
        error_messages={"invalid": "Fecha no válida; use dd/mm/aaaa."},
    )
    canal = forms.ChoiceField(
        label="Canal", required=False, choices=[("", "Todos"), *CANALES.items()]
    )

    def clean(self):
        datos = super().clean()
        desde, hasta = datos.get("desde"), datos.get("hasta")
        if desde and hasta and desde > hasta:
            self.add_error("hasta", "La fecha final no puede ser anterior a la inicial.")
        return datos


ESCALA = [("1", "1"), ("2", "2"), ("3", "3"), ("4", "4"), ("5", "5")]
SI_NO = [("si", "Sí"), ("no", "No")]


def _campo(pregunta):
    # Not required and no choice check here: the service checks each answer and names it.
    # HTML is refused field by field: FormularioPublico.clean() would otherwise remove a field
    # from cleaned_data while it loops over it (RuntimeError).
    if pregunta.tipo == Pregunta.Tipo.TEXTO:
        return forms.CharField(
            label=pregunta.texto,
            required=False,
            max_length=1000,
            validators=[sin_html],
            widget=forms.Textarea(
                attrs={"rows": 4, "maxlength": 1000, "aria-label": pregunta.texto}
            ),
            error_messages={"max_length": "Máximo 1000 caracteres."},
        )
    opciones = {
        Pregunta.Tipo.ESCALA: ESCALA,
        Pregunta.Tipo.SI_NO: SI_NO,
    }.get(pregunta.tipo) or [(o, o) for o in pregunta.opciones]
    return forms.CharField(
        label=pregunta.texto,
        required=False,
        widget=forms.RadioSelect(choices=opciones),
        validators=[sin_html],
    )


class RespuestaForm(FormularioPublico):
    """The public answer form: one field `pregunta_<id>` per question, plus the honeypot and
    the signed time mark of FormularioPublico."""

    def __init__(self, *args, preguntas, **kwargs):
        super().__init__(*args, **kwargs)
        self.preguntas = list(preguntas)
        for pregunta in self.preguntas:
            self.fields[f"pregunta_{pregunta.pk}"] = _campo(pregunta)

    def campos(self):
        """[(pregunta, bound field)] in the survey's order, for the template."""
        return [(p, self[f"pregunta_{p.pk}"]) for p in self.preguntas]

    def valores(self) -> dict:
        return {p.pk: self.cleaned_data.get(f"pregunta_{p.pk}", "") for p in self.preguntas}
