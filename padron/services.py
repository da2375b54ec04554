"""Writes to the padrón: carteras, titulares, cuentas and condiciones especiales.

Each service validates (the model's full_clean plus the business rules below),
saves only when something really changed (so no empty history rows), and
leaves who and why in the history (simple_history's `_history_user` and
`_change_reason`).
"""

from pathlib import Path

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.dispatch import Signal

from padron.models import Cartera, CondicionEspecial, Cuenta, GrupoPrelacion, Titular

# What a service may change; derived columns (busqueda, nombre_normalizado...) follow.
CAMPOS_CARTERA = [
    "nombre",
    "tipo",
    "institucion",
    "prelacion",
    "tasa_recargo_mensual",
    "tope_recargos",
    "dias_gracia_recargo",
    "umbral_morosos_meses",
    "umbral_morosos_monto",
    "umbral_corte_meses",
    "tarifa_reconexion",
    "domesticos_solo_reduccion",
    "protege_condicion_especial",
    "factor_consumo_atipico",
    "activa",
    "domicilio_institucion",
    "rfc_institucion",
    "telefono_institucion",
    "lugar_expedicion",
    "logo",
    "formato_recibo",
    "fecha_minima_historica",
]
CAMPOS_TITULAR = [f.name for f in Titular._meta.concrete_fields if f.editable and not f.primary_key]
CAMPOS_CUENTA = [f.name for f in Cuenta._meta.concrete_fields if f.editable and not f.primary_key]
# A change in these rewrites the search text of the titular's cuentas.
CAMPOS_TITULAR_BUSQUEDA = {"nombre", "apellido_paterno", "apellido_materno", "curp", "rfc"}

EVIDENCIA_EXTENSIONES = {".pdf", ".jpg", ".jpeg", ".png"}
EVIDENCIA_TAMANO_MAXIMO = 5 * 1024 * 1024


# --- validation shared by the services, the forms and the import ----------------


def _errores_de(exc: ValidationError) -> dict[str, list[str]]:
    if hasattr(exc, "error_dict"):
        return {campo: list(mensajes) for campo, mensajes in exc.message_dict.items()}
    return {NON_FIELD_ERRORS: list(exc.messages)}


def _agregar(errores, campo, mensaje):
    # One message per field is enough: the format error beats the business rule.
    errores.setdefault(campo, [])
    if not errores[campo]:
        errores[campo].append(mensaje)


def _limpiar_textos(instancia, campos):
    for campo in campos:
        valor = getattr(instancia, campo, None)
        if isinstance(valor, str):
            setattr(instancia, campo, valor.strip())


def titular_validar(titular: Titular, *, excluir=()) -> None:
    """Model validation plus: a persona física needs apellido paterno (CURP optional,
    RFC of 13 characters when given); a persona moral needs an RFC of 12 characters
    and has neither CURP nor apellidos."""
    _limpiar_textos(titular, CAMPOS_TITULAR)
    titular.curp = titular.curp.upper()
    titular.rfc = titular.rfc.upper()
    errores = {}
    try:
        titular.full_clean(exclude=list(excluir), validate_unique=False)
    except ValidationError as exc:
        errores = _errores_de(exc)
    if titular.tipo_persona == Titular.TipoPersona.FISICA:
        if not titular.apellido_paterno:
            _agregar(
                errores,
                "apellido_paterno",
                "El apellido paterno es obligatorio para una persona física.",
            )
        if titular.rfc and len(titular.rfc) != 13:
            _agregar(errores, "rfc", "El RFC de una persona física debe tener 13 caracteres.")
    elif titular.tipo_persona == Titular.TipoPersona.MORAL:
        if not titular.rfc:
            _agregar(errores, "rfc", "El RFC es obligatorio para una persona moral.")
        elif len(titular.rfc) != 12:
            _agregar(errores, "rfc", "El RFC de una persona moral debe tener 12 caracteres.")
        if titular.curp:
            _agregar(errores, "curp", "Una persona moral no tiene CURP; deje el campo vacío.")
        if titular.apellido_paterno or titular.apellido_materno:
            _agregar(
                errores,
                "apellido_paterno",
                "Una persona moral no lleva apellidos: escriba la razón social en el nombre.",
            )
    if errores:
        raise ValidationError(errores)


def cuenta_validar(cuenta: Cuenta, *, excluir=(), validar_unicos=True) -> None:
    """Model validation plus: a water account needs clasificación, sector and ruta;
    a credit account needs the pagaré folio and the amount granted."""
    _limpiar_textos(cuenta, CAMPOS_CUENTA)
    errores = {}
    try:
        cuenta.full_clean(exclude=list(excluir), validate_unique=validar_unicos)
    except ValidationError as exc:
        errores = _errores_de(exc)
    cartera = cuenta.cartera if cuenta.cartera_id else None
    if cartera is not None and cartera.tipo == Cartera.Tipo.AGUA:
        for campo, mensaje in (
            ("clasificacion", "La clasificación del predio es obligatoria en una cuenta de agua."),
            ("sector", "El sector es obligatorio en una cuenta de agua."),
            ("ruta", "La ruta es obligatoria en una cuenta de agua."),
        ):
            if not getattr(cuenta, campo):
                _agregar(errores, campo, mensaje)
    elif cartera is not None and cartera.tipo == Cartera.Tipo.CREDITO:
        if not cuenta.pagare_folio:
            _agregar(errores, "pagare_folio", "El folio del pagaré es obligatorio en un crédito.")
        if cuenta.monto_otorgado is None:
            _agregar(errores, "monto_otorgado", "El monto otorgado es obligatorio en un crédito.")
    if cuenta.monto_otorgado is not None and cuenta.monto_otorgado <= 0:
        _agregar(errores, "monto_otorgado", "El monto otorgado debe ser mayor que cero.")
    if cuenta.plazo_meses is not None and cuenta.plazo_meses <= 0:
        _agregar(errores, "plazo_meses", "El plazo debe ser de al menos un mes.")
    if cuenta.tasa_interes_anual is not None and cuenta.tasa_interes_anual < 0:
        _agregar(errores, "tasa_interes_anual", "La tasa de interés no puede ser negativa.")
    if (
        cuenta.fecha_otorgamiento
        and cuenta.inicio_recuperacion
        and cuenta.inicio_recuperacion < cuenta.fecha_otorgamiento
    ):
        _agregar(
            errores,
            "inicio_recuperacion",
            "El inicio de la recuperación no puede ser anterior a la fecha de otorgamiento.",
        )
    if errores:
        raise ValidationError(errores)


def cartera_validar(cartera: Cartera) -> None:
    """Model validation; the prelación must hold each of the four groups exactly once."""
    errores = {}
    prelacion = cartera.prelacion
    if not isinstance(prelacion, list) or sorted(map(str, prelacion)) != sorted(
        GrupoPrelacion.values
    ):
        nombres = ", ".join(GrupoPrelacion.labels)
        errores["prelacion"] = [
            f"La prelación debe incluir cada grupo exactamente una vez: {nombres}."
        ]
    try:
        cartera.full_clean(exclude=["prelacion"])
    except ValidationError as exc:
        errores.update(_errores_de(exc))
    if errores:
        raise ValidationError(errores)


# --- helpers -----------------------------------------------------------------------


def _valor(instancia, campo):
    # Foreign keys compare by id: the same titular fetched twice is the same titular.
    atributo = instancia._meta.get_field(campo).attname
    return getattr(instancia, atributo)


def _aplicar(instancia, datos, permitidos):
    desconocidos = sorted(set(datos) - set(permitidos))
    if desconocidos:
        raise ValidationError(
            {campo: "Este campo no existe o no se puede modificar." for campo in desconocidos}
        )
    for campo, valor in datos.items():
        campo_modelo = instancia._meta.get_field(campo)
        if valor is None and not campo_modelo.null:
            valor = campo_modelo.get_default()
        setattr(instancia, campo, valor)


def _exigir_motivo(motivo):
    motivo = (motivo or "").strip()
    if not motivo:
        raise ValidationError({"motivo": "Indique el motivo del cambio."})
    return motivo


def _guardar(instancia, *, motivo, usuario, **opciones):
    instancia._change_reason = motivo
    if usuario is not None:
        instancia._history_user = usuario
    instancia.save(**opciones)


def busqueda_refrescar(*, titular_ids) -> int:
    """Rewrite Cuenta.busqueda for every cuenta of these titulares (one read, bulk update)."""
    titular_ids = list(titular_ids)
    cuentas = []
    for inicio in range(0, len(titular_ids), 500):
        cuentas += list(
            Cuenta.objects.filter(titular_id__in=titular_ids[inicio : inicio + 500])
            .select_related("titular")
            .only(
                "id",
                "numero",
                "clave_catastral",
                "domicilio",
                "colonia",
                "pagare_folio",
                "busqueda",
                "titular",
            )
        )
    cambiadas = []
    for cuenta in cuentas:
        texto = cuenta.texto_busqueda()
        if texto != cuenta.busqueda:
            cuenta.busqueda = texto
            cambiadas.append(cuenta)
    Cuenta.objects.bulk_update(cambiadas, ["busqueda"], batch_size=500)
    return len(cambiadas)


# --- carteras ------------------------------------------------------------------------


@transaction.atomic
def cartera_crear(
    *, clave: str, datos: dict, usuario=None, motivo: str = "Alta de cartera"
) -> Cartera:
    """A new cartera with its rules (supervisor); its clave is its address and never changes."""
    clave = (clave or "").strip().lower()
    if not clave:
        raise ValidationError({"clave": "Indique la clave de la cartera (p. ej. oomapas-caborca)."})
    if Cartera.objects.filter(clave=clave).exists():
        raise ValidationError({"clave": f"Ya existe la cartera «{clave}»."})
    cartera = Cartera(clave=clave)
    _aplicar(cartera, datos, CAMPOS_CARTERA)
    cartera_validar(cartera)
    _guardar(cartera, motivo=(motivo or "").strip() or "Alta de cartera", usuario=usuario)
    return cartera


@transaction.atomic
def cartera_actualizar(*, cartera: Cartera, datos: dict, motivo: str, usuario=None) -> Cartera:
    """Edit a cartera's rules (supervisor). Its kind cannot change once it holds cuentas."""
    motivo = _exigir_motivo(motivo)
    cartera = Cartera.objects.select_for_update().get(pk=cartera.pk)
    antes = {campo: getattr(cartera, campo) for campo in CAMPOS_CARTERA}
    _aplicar(cartera, datos, CAMPOS_CARTERA)
    cartera_validar(cartera)
    if cartera.tipo != antes["tipo"] and cartera.cuentas.exists():
        raise ValidationError(
            {"tipo": "No se puede cambiar el tipo de una cartera que ya tiene cuentas."}
        )
    if all(getattr(cartera, campo) == antes[campo] for campo in CAMPOS_CARTERA):
        return cartera
    _guardar(cartera, motivo=motivo, usuario=usuario)
    return cartera


# --- titulares -----------------------------------------------------------------------


@transaction.atomic
def titular_crear(*, datos: dict, usuario=None, motivo: str = "Alta de titular") -> Titular:
    titular = Titular()
    _aplicar(titular, datos, CAMPOS_TITULAR)
    titular_validar(titular)
    _guardar(titular, motivo=(motivo or "").strip() or "Alta de titular", usuario=usuario)
    return titular


@transaction.atomic
def titular_actualizar(*, titular: Titular, datos: dict, motivo: str, usuario) -> Titular:
    """Change a titular's data. When its name, CURP or RFC change, the search text of
    all its cuentas is rewritten in the same transaction."""
    motivo = _exigir_motivo(motivo)
    titular = Titular.objects.select_for_update().get(pk=titular.pk)
    antes = {campo: _valor(titular, campo) for campo in CAMPOS_TITULAR}
    _aplicar(titular, datos, CAMPOS_TITULAR)
    titular_validar(titular)
    cambiados = {campo for campo in CAMPOS_TITULAR if _valor(titular, campo) != antes[campo]}
    if not cambiados:
        return titular
    _guardar(titular, motivo=motivo, usuario=usuario)
    if cambiados & CAMPOS_TITULAR_BUSQUEDA:
        busqueda_refrescar(titular_ids=[titular.pk])
    return titular


# --- cuentas ---------------------------------------------------------------------------

# Sent with `ids` after cuentas are created in bulk (the padrón import), which skips
# post_save: cobranza gives each one its maintained saldo row in the same transaction.
cuentas_creadas = Signal()


@transaction.atomic
def cuenta_crear(*, datos: dict, usuario=None, motivo: str = "Alta de cuenta") -> Cuenta:
    cuenta = Cuenta()
    _aplicar(cuenta, datos, CAMPOS_CUENTA)
    cuenta_validar(cuenta)
    _guardar(cuenta, motivo=(motivo or "").strip() or "Alta de cuenta", usuario=usuario)
    return cuenta


@transaction.atomic
def cuenta_actualizar(*, cuenta: Cuenta, datos: dict, motivo: str, usuario) -> Cuenta:
    """Change a cuenta's padrón data (not its ledger), with the reason in its history."""
    motivo = _exigir_motivo(motivo)
    cuenta = Cuenta.objects.select_for_update().get(pk=cuenta.pk)
    antes = {campo: _valor(cuenta, campo) for campo in CAMPOS_CUENTA}
    _aplicar(cuenta, datos, CAMPOS_CUENTA)
    cuenta_validar(cuenta)
    if all(_valor(cuenta, campo) == antes[campo] for campo in CAMPOS_CUENTA):
        return cuenta
    _guardar(cuenta, motivo=motivo, usuario=usuario)
    return cuenta


# --- condiciones especiales --------------------------------------------------------------


def _validar_evidencia(evidencia):
    if not evidencia:
        return
    extension = Path(evidencia.name).suffix.lower()
    if extension not in EVIDENCIA_EXTENSIONES:
        raise ValidationError({"evidencia": "La evidencia debe ser un archivo PDF, JPG o PNG."})
    if evidencia.size > EVIDENCIA_TAMANO_MAXIMO:
        raise ValidationError({"evidencia": "La evidencia no puede pesar más de 5 MB."})


@transaction.atomic
def condicion_especial_registrar(
    *,
    titular: Titular,
    tipo: str,
    vigente_desde,
    vigente_hasta=None,
    evidencia=None,
    descripcion_evidencia: str = "",
    usuario=None,
    motivo: str = "",
) -> CondicionEspecial:
    """Record an adulto mayor / discapacidad / pensionado / jubilado condition with the
    document that proves it (a file, a description of it, or both) and its validity."""
    titular = Titular.objects.select_for_update().get(pk=titular.pk)
    if titular.tipo_persona != Titular.TipoPersona.FISICA:
        raise ValidationError(
            {"tipo": "Las condiciones especiales solo aplican a personas físicas."}
        )
    descripcion_evidencia = (descripcion_evidencia or "").strip()
    if not evidencia and not descripcion_evidencia:
        raise ValidationError(
            {"evidencia": "Adjunte la evidencia o describa el documento presentado."}
        )
    _validar_evidencia(evidencia)
    if vigente_desde and vigente_hasta and vigente_hasta < vigente_desde:
        raise ValidationError({"vigente_hasta": "La vigencia no puede terminar antes de empezar."})
    condicion = CondicionEspecial(
        titular=titular,
        tipo=tipo,
        vigente_desde=vigente_desde,
        vigente_hasta=vigente_hasta,
        descripcion_evidencia=descripcion_evidencia,
    )
    if evidencia:
        condicion.evidencia = evidencia
    try:
        condicion.full_clean(exclude=["titular", "evidencia"], validate_constraints=False)
    except ValidationError as exc:
        raise ValidationError(_errores_de(exc)) from exc
    _guardar(
        condicion,
        motivo=(motivo or "").strip() or f"Registro de condición: {condicion.get_tipo_display()}",
        usuario=usuario,
    )
    return condicion
