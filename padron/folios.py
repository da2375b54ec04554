from django.db import transaction

from padron.models import Folio


@transaction.atomic
def folio_siguiente(serie: str, *, digitos: int = 6) -> str:
    """The next folio of a series ("R26" -> "R26-000124"), without gaps or repeats.

    The series row stays locked until the caller's transaction ends, so two
    cashiers never get the same number and a rolled-back payment frees its own.
    """
    Folio.objects.get_or_create(serie=serie)
    folio = Folio.objects.select_for_update().get(serie=serie)
    folio.ultimo += 1
    folio.save(update_fields=["ultimo"])
    return f"{serie}-{folio.ultimo:0{digitos}d}"
