"""The ``briefbot`` command line: one subcommand per job, each implemented in its own module."""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Callable, Sequence

from pydantic import ValidationError

log = logging.getLogger(__name__)

# subcommand -> (module, function, help); each function takes the parsed args and returns an exit code
_COMMANDS: dict[str, tuple[str, str, str]] = {
    "extract": ("bot.cli_extract", "run", "extract events from article files and print them"),
    "ingest": ("bot.cli_store", "ingest", "ingest articles, HTML pages, URLs or feeds into the store"),
    "events": ("bot.cli_store", "events", "print every stored event with its history"),
    "brief": ("bot.cli_brief", "brief", "print the current briefing"),
    "shell": ("bot.console_adapter", "shell", "type /talks commands at a prompt (console adapter)"),
    "demo": ("bot.demo", "demo", "run the whole product on sample articles, no tokens needed"),
    "run": ("bot.app", "run", "run the bot: Slack and Discord if configured, else the console"),
    "feeds": ("bot.cli_feeds", "feeds", "import or export feeds as OPML, list them"),
    "db": ("bot.cli_db", "db", "database maintenance: 'briefbot db upgrade'"),
}


def _add_arguments(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("extract", help=_COMMANDS["extract"][2])
    p.add_argument("paths", nargs="+", metavar="PATH", help="article files ('-' for stdin)")
    p.add_argument("--format", choices=("json", "text"), default="text")
    p.add_argument("--published", metavar="YYYY-MM-DD", help="publication date when the file has no date line")

    p = sub.add_parser("ingest", help=_COMMANDS["ingest"][2])
    p.add_argument("sources", nargs="+", metavar="SOURCE", help="file, '-', HTML file, article URL, feed URL or file")
    p.add_argument("--published", metavar="YYYY-MM-DD", help="publication date for plain text without a date line")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar")

    p = sub.add_parser("events", help=_COMMANDS["events"][2])
    p.add_argument("--format", choices=("json", "text"), default="text")

    p = sub.add_parser("brief", help=_COMMANDS["brief"][2])
    p.add_argument("topic", nargs="?", help="which story, when several are tracked")
    p.add_argument("--format", choices=("text", "markdown", "rich"), default="rich")

    sub.add_parser("shell", help=_COMMANDS["shell"][2])

    p = sub.add_parser("demo", help=_COMMANDS["demo"][2])
    p.add_argument("--speed", type=float, default=600.0, help="simulated seconds per real second")
    p.add_argument("--no-reminders", action="store_true", help="skip the simulated reminder morning")

    sub.add_parser("run", help=_COMMANDS["run"][2])

    p = sub.add_parser("feeds", help=_COMMANDS["feeds"][2])
    fsub = p.add_subparsers(dest="feeds_cmd", required=True)
    fi = fsub.add_parser("import", help="import feeds from an OPML file")
    fi.add_argument("file")
    fsub.add_parser("export", help="print the feeds as OPML")
    fsub.add_parser("list", help="list feeds with their health")

    p = sub.add_parser("db", help=_COMMANDS["db"][2])
    dsub = p.add_subparsers(dest="db_cmd", required=True)
    dsub.add_parser("upgrade", help="create or migrate the schema to the current version")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, with every subcommand."""
    parser = argparse.ArgumentParser(
        prog="briefbot",
        description="News briefings for Slack and Discord: who meets whom, when, where, what is expected.",
    )
    parser.add_argument("--log-level", default=None, help="DEBUG, INFO, WARNING (default from BRIEFBOT_LOG_LEVEL)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    _add_arguments(sub)
    return parser


def _resolve(command: str) -> Callable[[argparse.Namespace], int]:
    module, func, _ = _COMMANDS[command]
    handler: Callable[[argparse.Namespace], int] = getattr(importlib.import_module(module), func)
    return handler


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``briefbot`` console script."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return 0
    from bot.logs import configure_logging

    configure_logging(args.log_level)
    try:
        return _resolve(args.command)(args)
    except ValidationError as exc:
        # every subcommand loads the settings; a bad variable is named here once, not traced back
        print(f"briefbot: bad settings: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
