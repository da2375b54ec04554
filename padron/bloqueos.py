"""The row locks of a transaction that writes a cuenta's ledger."""

from padron.models import Cartera, Cuenta
from padron.sql import bloqueo_de_filas, fila


def cuenta_bloquear(cuenta_id, *relacionadas) -> Cuenta:
    """The cuenta with its cartera (and `relacionadas`, read, not locked), locked until the
    transaction ends.

    The cuenta's row FOR UPDATE: two writers of one cuenta's ledger take turns. Its
    cartera's row only FOR SHARE, and first. Writers of different cuentas then run side by
    side, while a job over the whole cartera that takes its row FOR UPDATE (a corte list)
    waits for the payments in flight and holds new ones until it commits, as before. Both
    take the cartera before any cuenta, so neither can deadlock the other; every ledger
    writer (pago, reversión, cargo, ajuste, a corte executed or lifted) locks this way.

    A plain select_for_update() with select_related("cartera") locks the cartera FOR UPDATE
    too, and made every payment of a cartera wait for the one before to commit. A writer
    that locks a row of its own (a convenio, an expediente) locks the cuenta first: a
    payment locks the cuenta and then what hangs from it, so the other order could deadlock.
    """
    cartera = fila(
        Cartera,
        f"FROM {Cartera._meta.db_table} WHERE id = "
        f"(SELECT cartera_id FROM {Cuenta._meta.db_table} WHERE id = %s)"
        f"{bloqueo_de_filas('SHARE')}",
        [cuenta_id],
    )
    if relacionadas:
        cuenta = (
            Cuenta.objects.select_for_update(of=("self",))
            .select_related(*relacionadas)
            .get(pk=cuenta_id)
        )
    else:  # a payment: by hand, as every read it makes (padron.sql.fila)
        cuenta = fila(
            Cuenta,
            f"FROM {Cuenta._meta.db_table} WHERE id = %s{bloqueo_de_filas()}",
            [cuenta_id],
        )
    if cuenta is None:
        raise Cuenta.DoesNotExist(f"No existe la cuenta {cuenta_id}.")
    cuenta.cartera = cartera
    return cuenta


def tras_su_cuenta(consulta, fila):
    """`fila` (a convenio, an expediente, a crédito: anything with a `cuenta`) read again from
    `consulta` and locked after its cuenta, only its own row: a payment locks the cuenta and
    then what hangs from it, and shares with other cuentas what `consulta` only reads."""
    cuenta = cuenta_bloquear(fila.cuenta_id)
    fila = consulta.select_for_update(of=("self",)).get(pk=fila.pk)
    fila.cuenta = cuenta
    return fila
