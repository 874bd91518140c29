"""A loopback Ark-compatible server for tests, recordings and demos (see server.serve)."""

from docverify.emulator.app import create_app
from docverify.emulator.catalogue import CATALOGUE, CatalogueModel, Status, Thinking
from docverify.emulator.config import (
    DEFAULT_API_KEY,
    FAULT_HEADER,
    EmulatorConfig,
    Fault,
    FaultKind,
)
from docverify.emulator.server import RunningEmulator, serve
from docverify.emulator.state import ReceivedRequest

__all__ = [
    "CATALOGUE",
    "DEFAULT_API_KEY",
    "FAULT_HEADER",
    "CatalogueModel",
    "EmulatorConfig",
    "Fault",
    "FaultKind",
    "ReceivedRequest",
    "RunningEmulator",
    "Status",
    "Thinking",
    "create_app",
    "serve",
]
