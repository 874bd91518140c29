"""The command line: a table of subcommands, one module each, and the one place errors are shown."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, NoReturn, TextIO

from docverify import __version__
from docverify.credentials import env_secrets
from docverify.errors import DocverifyError

# (name, module under docverify.commands, one-line help). Read top to bottom: that is `--help`.
COMMANDS: tuple[tuple[str, str, str], ...] = (
    ("check", "check", "run every check over the site or the given pages"),
    ("extract", "extract", "print the claims docverify reads from pages"),
    ("curl", "curl", "parse a cURL command the way bash and curl would"),
    ("resolve", "resolve", "turn an API address into the request URL a client sends"),
    ("repair-encoding", "repair_encoding", "repair mojibake (UTF-8 read with a wrong codec) in place"),
    ("import-gitbook", "import_gitbook", "convert a GitBook space into MkDocs pages"),
    ("record", "record", "record each cURL example against the live API or the emulator"),
    ("emulator", "emulator", "serve the Ark-compatible emulator on 127.0.0.1"),
    ("status", "status", "the translation status matrix (page x language)"),
)


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one `error:` line and a hint, exit 2."""

    def error(self, message: str) -> NoReturn:
        sys.stderr.write(f"error: {message}\nhint: run '{self.prog} --help'\n")
        raise SystemExit(2)


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser; only the command `argv` names gets its arguments (and its module imported).

    Importing every command module for every run cost a `--help` five times the start-up of
    markdown-it-py (the emulator pulls Starlette and uvicorn, record httpx, check rich): the
    other commands are listed by name and help only. With `argv` None, every command is built.
    """
    chosen = _chosen(argv)
    parser = _Parser(prog="docverify", description="Keep API documentation honest: "
                     "extract, check, record and replay what the guides claim.")
    parser.add_argument("--version", action="version", version=f"docverify {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, module, help_text in COMMANDS:
        sub = subparsers.add_parser(name, help=help_text, description=help_text)
        sub.set_defaults(_module=module)
        if chosen is None or name == chosen:
            _command(module).add_arguments(sub)
    return parser


def _chosen(argv: Sequence[str] | None) -> str | None:
    """The command `argv` names: its first word that is not an option (the top-level options,
    --help and --version, take no value); "" when there is none, None to build every command."""
    if argv is None:
        return None
    return next((word for word in argv if not word.startswith("-")), "")


def _command(module: str):  # type: ignore[no-untyped-def]
    return importlib.import_module(f"docverify.commands.{module}")


def report_error(exc: DocverifyError) -> None:
    # An error may quote an argument, a URL or a page's command: the credentials in it never show.
    from docverify.traffic.scrub import scrub_outgoing
    sys.stderr.write(scrub_outgoing(f"error: {exc}\n" + (f"hint: {exc.hint}\n" if exc.hint else "")))


class _Scrubbed:
    """A text stream whose every line goes through the scrubber before it leaves the process.

    Text is held until a line ends or the stream is flushed, so a key written in two pieces
    is still seen whole.
    """

    def __init__(self, stream: TextIO, scrub: Callable[[str], str]) -> None:
        self._stream, self._scrub, self._pending = stream, scrub, ""

    def write(self, text: str) -> int:
        self._pending += text
        if "\n" in text:
            head, _, self._pending = self._pending.rpartition("\n")
            self._stream.write(self._scrub(head + "\n"))
        return len(text)

    def flush(self) -> None:
        if self._pending:
            self._stream.write(self._scrub(self._pending))
            self._pending = ""
        self._stream.flush()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


@contextmanager
def _scrubbed_output() -> Iterator[None]:
    """Credentials in the environment (ARK_API_KEY, *_TOKEN, …): never shown, whatever prints them."""
    secrets = env_secrets()
    if not secrets:
        yield
        return
    from docverify.traffic.scrub import scrub_text
    streams = sys.stdout, sys.stderr
    wrapped = [_Scrubbed(s, lambda text: scrub_text(text, secrets)) for s in streams]
    sys.stdout, sys.stderr = wrapped
    try:
        yield
    finally:
        for stream in wrapped:
            try:
                stream.flush()
            except (OSError, ValueError):
                pass
        sys.stdout, sys.stderr = streams


def main(argv: Sequence[str] | None = None) -> int:
    with _scrubbed_output():
        try:
            return _main(argv)
        except Exception as exc:  # noqa: BLE001 - the last resort: a docverify bug
            report_crash(exc)
            return 2


def report_crash(exc: BaseException) -> None:
    """A docverify bug: its traceback, then one `error:` line, with every known secret redacted.

    An exception's text can quote a header, a URL or an environment value, so nothing of it
    leaves unscrubbed; if the scrubber itself fails, only the exception's type is shown.
    """
    try:
        from docverify.traffic.scrub import scrub_outgoing
        trace = "".join(traceback.format_exception(exc))
        shown = scrub_outgoing(f"{trace}error: docverify crashed ({type(exc).__name__}: {exc})\n")
    except Exception:  # noqa: BLE001 - a message we cannot scrub is not shown
        shown = f"error: docverify crashed ({type(exc).__name__}; its message is withheld)\n"
    sys.stderr.write(shown)
    sys.stderr.write("hint: report this as a docverify bug, with the traceback above\n")


def _main(argv: Sequence[str] | None = None) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(words)
    args = parser.parse_args(words)
    if not getattr(args, "_module", None):
        parser.print_help()
        return 2
    try:
        code = int(_command(args._module).run(args))
        sys.stdout.flush()   # a full disk shows here, not as an ignored exception at exit
        return code
    except DocverifyError as exc:
        report_error(exc)
        return 2
    except KeyboardInterrupt:
        sys.stderr.write("error: interrupted\n")
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:   # mostly the output itself cannot be written (disk full)
        _drop_stdout()
        where = f"{exc.filename}: " if exc.filename else "cannot write the output: "
        sys.stderr.write(f"error: {where}{exc.strerror or exc}\n")
        return 2


def _drop_stdout() -> None:
    """Point stdout at /dev/null, so the unwritable buffer is not flushed (and failing) at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
