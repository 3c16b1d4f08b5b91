"""Command line: ``reelib reproduce``, ``reelib run``, ``reelib rehash``."""

from __future__ import annotations

import argparse
import sys

import yaml


def _parameter(pair: list[str]) -> tuple[str, object]:
    name, text = pair
    # Like papermill's -p: "2025" is an int, "1e6" a float, "400 ppm" a string.
    try:
        value = yaml.safe_load(text)
    except yaml.YAMLError:
        value = text
    return name, value if isinstance(value, (int, float, bool, str, list)) else text


def main(argv: list[str] | None = None) -> int:
    """Run the command line; a refusal of reelib's (bad data, registry, parameter) is one line and status 2."""
    from .errors import ReelibError

    try:
        return _main(argv)
    except ReelibError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


def _main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="reelib", description="Reproduce the rare-earth claims compendium.")
    commands = parser.add_subparsers(dest="command", required=True)
    reproduce = commands.add_parser("reproduce", help="run every notebook (or the ones named) with its defaults")
    reproduce.add_argument("notebooks", nargs="*", help="notebook names or number prefixes, e.g. 01")
    run = commands.add_parser("run", help="run one notebook with parameters into build/runs/")
    run.add_argument("notebook")
    run.add_argument("-p", "--parameter", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"))
    commands.add_parser("rehash", help="record the current checksums of the data files in data/datapackage.json")
    args = parser.parse_args(argv)

    if args.command == "reproduce":
        from .runner import reproduce as run_all

        return run_all(args.notebooks)
    if args.command == "run":
        from .runner import run as run_one

        return run_one(args.notebook, dict(_parameter(p) for p in args.parameter))
    if args.command == "rehash":
        from .data import rehash

        changed = rehash()
        print("\n".join(f"updated {name}: sha256 {digest}" for name, digest in changed.items()) or "all checksums current")
        return 0
    return 2


if __name__ == "__main__":
    sys.exit(main())
