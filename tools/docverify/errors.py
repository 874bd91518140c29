"""The one exception tree of docverify; library errors are wrapped into it at the boundary."""

from __future__ import annotations


class DocverifyError(Exception):
    """Base of every error docverify raises on purpose.

    `path` and `line` say where the problem is when it comes from a file; `hint` says
    what to do. The CLI prints `error: path:line: message` and `hint: …`, never a traceback.
    """

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None,
                 hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.hint = hint

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        return f"{where}{self.message}"


class ConfigError(DocverifyError):
    """mkdocs.yml or another configuration is missing or wrong."""


class InputError(DocverifyError):
    """A file or argument docverify was given cannot be read as what it should be."""


class EncodingRepairError(InputError):
    """A file's bytes cannot be repaired safely (not UTF-8, or an inexact round trip)."""


class CurlParseError(InputError):
    """A cURL command cannot be parsed the way bash and curl would read it."""


class ProfileError(DocverifyError):
    """An unknown client profile or an address a profile cannot resolve."""


class CassetteError(DocverifyError):
    """A cassette file is missing, corrupt or not in vcrpy's format."""


class RecordError(DocverifyError):
    """A recording run cannot go on (no key, forbidden host, network failure)."""


class SecretLeakError(RecordError):
    """A value that must never reach disk is still in what would be written."""


class Unrecordable(DocverifyError):
    """An example no recording can be made of (a placeholder after a real host, a route or a
    method the target does not take): record lists it as skipped, check as a missing recording."""
