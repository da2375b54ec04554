"""Developer machine: `make run`."""

from config.settings.base import *  # noqa: F403
