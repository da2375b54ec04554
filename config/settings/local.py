"""Developer machine: `make run`."""

from .base import *  # noqa: F403
