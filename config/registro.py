"""Logging helpers referenced from settings.LOGGING."""

import logging


class SinTrazaEnErroresDelCliente(logging.Filter):
    """A 4xx (a denied page, a missing record) is the client's, not a fault: one line, no traceback."""

    def filter(self, record):
        if getattr(record, "status_code", 500) < 500:
            record.exc_info = None
            record.exc_text = None
        return True
