"""Command line: ``reelib reproduce``, ``reelib run``, ``reelib sweep``, ``reelib rehash``.

A refusal of reelib's (a bad parameter, data file or claims registry, an
unknown notebook, a checkout in use, a file that cannot be published) is one
line on stderr and exit status 2; a notebook that fails is reported with its
cell and error and exit status 1.
"""

from __future__ import annotations

import argparse
import sys

from ..errors import ReelibError, RunError

__all__ = ["main"]


def _notebook_help() -> str:
    """The notebooks and their parameters (type, default), for ``reelib run --help``."""
    from .. import catalog
    from . import keys, notebooks

    lines = ["notebooks and their parameters (name: default — what it is; allowed values):"]
    for stem in notebooks():
        spec = catalog.NOTEBOOKS.get(stem)
        lines.append(f"\n  {stem}" + (f" — {spec.title}" if spec else ""))
        defaults = keys.declared_defaults(stem)
        for name, default in defaults.items():
            param = spec.parameters.get(name) if spec else None
            what = f" — {param.doc}; {param.describe()}" if param else ""
            lines.append(f"    {name}: {default!r}{what}")
    return "\n".join(lines)


def _parser(with_notebook_help: bool) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="reelib", description="Reproduce the rare-earth claims compendium.")
    commands = parser.add_subparsers(dest="command", required=True)

    reproduce = commands.add_parser(
        "reproduce", help="run every notebook whose inputs changed (or the ones named), and publish the results"
    )
    reproduce.add_argument("notebooks", nargs="*", help="notebook names or number prefixes, e.g. 01")
    reproduce.add_argument("--jobs", "-j", type=_jobs, default=None, help="notebooks run at once (default: the number of cores)")
    reproduce.add_argument("--force", action="store_true", help="rerun even the notebooks whose dependency key is unchanged")
    reproduce.add_argument("--wait", action="store_true", help="if another reproduce holds this checkout, wait for it instead of refusing")

    epilog = _notebook_help() if with_notebook_help else None
    formatter = argparse.RawDescriptionHelpFormatter
    run = commands.add_parser("run", help="run one notebook with parameters into build/runs/ (publishes nothing)", epilog=epilog, formatter_class=formatter)
    run.add_argument("notebook", help="notebook name or number prefix, e.g. 05")
    run.add_argument("-p", "--parameter", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"))

    sweep = commands.add_parser("sweep", help="run one notebook over a grid of parameters and collect the verdicts in one table", epilog=epilog, formatter_class=formatter)
    sweep.add_argument("notebook")
    sweep.add_argument("-p", "--parameter", nargs=2, action="append", default=[], metavar=("NAME", "V1,V2,..."), help="values to sweep, comma-separated")
    sweep.add_argument("--csv", help="a CSV file of parameter sets (one column per parameter) instead of -p")
    sweep.add_argument("--jobs", "-j", type=_jobs, default=None, help="local worker processes (default: the number of cores)")
    sweep.add_argument("--scheduler", help="address of a running dask.distributed scheduler to run the points on (e.g. tcp://host:8786)")

    commands.add_parser("rehash", help="record the current checksums of the data files in data/datapackage.json")
    return parser


def _jobs(text: str) -> int:
    """A worker count: a whole number of at least 1 (argparse names the option when it is not)."""
    try:
        jobs = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if jobs < 1:
        raise argparse.ArgumentTypeError(f"{jobs} workers: give at least 1")
    return jobs


def _take_parameters(argv: list[str]) -> tuple[list[str], list[tuple[str, str]]]:
    """Pull ``-p NAME VALUE`` pairs out before argparse, which would read a value such as ``-inf`` as an option."""
    rest: list[str] = []
    pairs: list[tuple[str, str]] = []
    tokens = iter(argv)
    for token in tokens:
        if token in ("-p", "--parameter"):
            name, value = next(tokens, None), next(tokens, None)
            if name is None or value is None:
                raise RunError(f"{token} needs a NAME and a VALUE, e.g. -p edition 2025")
            pairs.append((name, value))
        else:
            rest.append(token)
    return rest, pairs


def _main(argv: list[str]) -> int:
    wants_help = any(a in ("-h", "--help") for a in argv) and any(a in ("run", "sweep") for a in argv)
    argv, pairs = _take_parameters(argv)
    args = _parser(wants_help).parse_args(argv)
    if pairs and args.command not in ("run", "sweep"):
        # Published results always come from the declared defaults; a parameter here would be silently ignored.
        raise RunError(f"-p applies to 'reelib run' and 'reelib sweep', not to 'reelib {args.command}', which runs the declared defaults")
    args.parameter = pairs
    if args.command == "reproduce":
        from . import reproduce

        return reproduce(args.notebooks, jobs=args.jobs, force=args.force, wait=args.wait)
    if args.command == "run":
        from . import parse_value, run

        return run(args.notebook, {name: parse_value(value) for name, value in args.parameter})
    if args.command == "sweep":
        from .sweep import sweep

        return sweep(args.notebook, args.parameter, csv=args.csv, jobs=args.jobs, scheduler=args.scheduler)
    from ..data import rehash

    changed = rehash()
    print("\n".join(f"updated {name}: sha256 {digest}" for name, digest in changed.items()) or "all checksums current")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit status."""
    try:
        return _main(sys.argv[1:] if argv is None else argv)
    except ReelibError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted: nothing half-published stays; the next command rolls back what was in flight", file=sys.stderr)
        return 130
