"""Publish a run's results all at once, or not at all.

A notebook's results (the executed notebook, its report, figures with their
sidecars, verdicts) replace the previous ones as a group. Each file is first
copied next to its target as a temporary file (on the target's own
filesystem, so that the final move is a rename even when ``figures/`` is on
another disk), and every existing target is kept as a backup (a hard link).
Only then are the temporary files renamed into place, with a journal in
``build/`` saying what is in flight. Any failure before the renames leaves
the published files untouched; a failure during them is rolled back from the
backups; and a run killed at any moment is rolled back (or, if every rename
was done, completed) by the next runner command, which reads the journal.

Errors of the filesystem (permission, read-only, disk full, another device)
become one :class:`~reelib.errors.PublishError` naming the file and the
cause, and saying that the previous results are unchanged.
"""

from __future__ import annotations

import errno
import json
import os
import secrets
import shutil
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .. import paths
from ..errors import PublishError

__all__ = ["Item", "JOURNAL", "publish", "recover", "write_atomic"]

#: Where a publication in progress is described.
JOURNAL = "publish-journal.json"


@dataclass(frozen=True)
class Item:
    """One file to publish: the staged ``source`` replaces ``target``."""

    source: Path
    target: Path


def _why(error: OSError) -> str:
    reasons = {
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "the disk quota is exceeded",
        errno.EROFS: "the filesystem is read-only",
        errno.EACCES: "permission denied",
        errno.EPERM: "the operation is not permitted (is the file immutable?)",
        errno.EXDEV: "it is on another filesystem",
    }
    return reasons.get(error.errno or 0, error.strerror or str(error))


def _journal_path() -> Path:
    return paths.BUILD_DIR / JOURNAL


def _write_journal(state: str, token: str, entries: Sequence[dict[str, str | None]]) -> None:
    path = _journal_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(json.dumps({"state": state, "token": token, "entries": list(entries)}, indent=1) + "\n", encoding="utf-8")
    os.replace(temporary, path)


def _copy(source: Path, target: Path) -> None:
    with open(source, "rb") as reader, open(target, "wb") as writer:
        shutil.copyfileobj(reader, writer)
        writer.flush()
        os.fsync(writer.fileno())


def _backup(target: Path, backup: Path) -> None:
    try:
        os.link(target, backup)
    except OSError as error:
        if error.errno in (errno.EPERM, errno.EACCES, errno.EROFS, errno.ENOSPC):
            raise
        _copy(target, backup)  # a filesystem without hard links


def _discard(*files: Path | None) -> None:
    for file in files:
        if file is not None:
            try:
                file.unlink()
            except OSError:
                pass


def publish(items: Iterable[Item], *, stale: Iterable[Path] = ()) -> None:
    """Replace each item's target with its source, and remove ``stale`` files, as one transaction.

    Raises
    ------
    PublishError
        Naming the file and why; nothing published has changed.
    """
    items, stale = list(items), [Path(p) for p in stale if Path(p).exists()]
    token = secrets.token_hex(4)
    entries: list[dict[str, str | None]] = []
    temporaries: list[Path] = []
    backups: list[Path] = []

    def abandon(target: Path, error: OSError, what: str) -> PublishError:
        _discard(*temporaries, *backups)
        return PublishError(f"{target}: cannot {what}: {_why(error)}; nothing was published, the previous results are unchanged")

    for item in items:
        target = item.target
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise abandon(target.parent, error, "create the folder") from None
        temporary = target.with_name(f".{target.name}.{token}.tmp")
        try:
            temporaries.append(temporary)
            _copy(item.source, temporary)
        except OSError as error:
            raise abandon(target, error, "write") from None
        backup = None
        if target.exists():
            backup = target.with_name(f".{target.name}.{token}.bak")
            try:
                _backup(target, backup)
                backups.append(backup)
            except OSError as error:
                raise abandon(target, error, "keep a backup of the previous version") from None
        entries.append({"target": str(target), "temporary": str(temporary), "backup": str(backup) if backup else None})
    for path in stale:
        backup = path.with_name(f".{path.name}.{token}.bak")
        try:
            _backup(path, backup)
            backups.append(backup)
        except OSError as error:
            raise abandon(path, error, "keep a backup before removing it") from None
        entries.append({"target": str(path), "temporary": None, "backup": str(backup)})

    _write_journal("prepared", token, entries)
    for done, entry in enumerate(entries):
        try:
            if entry["temporary"] is None:
                os.unlink(entry["target"])  # type: ignore[arg-type]
            else:
                os.replace(entry["temporary"], entry["target"])  # type: ignore[arg-type]
        except OSError as error:
            _roll_back(entries[:done])
            _discard(*temporaries, *backups)
            _journal_path().unlink(missing_ok=True)
            raise PublishError(
                f"{entry['target']}: cannot replace it: {_why(error)}; the files already moved were restored, the previous results are unchanged"
            ) from None
    _write_journal("committed", token, entries)
    _discard(*backups)
    _journal_path().unlink(missing_ok=True)


def _roll_back(entries: Sequence[dict[str, str | None]]) -> None:
    """Undo the renames of ``entries``: restore backups, remove files that were new."""
    for entry in reversed(entries):
        target = Path(entry["target"])  # type: ignore[arg-type]
        backup = Path(entry["backup"]) if entry["backup"] else None
        temporary = Path(entry["temporary"]) if entry["temporary"] else None
        if backup is not None and backup.exists():
            os.replace(backup, target)
        elif backup is None and temporary is not None and not temporary.exists() and target.exists():
            target.unlink()  # it was new, and it had been moved into place
        _discard(temporary)


def recover() -> str | None:
    """Finish what an interrupted publication left: roll back, or clean up a completed one.

    Returns a sentence saying what was done, or ``None`` when nothing was in flight.
    """
    path = _journal_path()
    if not path.exists():
        return None
    try:
        journal = json.loads(path.read_text(encoding="utf-8"))
    except ValueError:
        path.unlink()
        return "removed an unreadable publication journal (written when the run was killed before any file moved)"
    entries = journal["entries"]
    if journal["state"] == "prepared":
        _roll_back(entries)
        message = f"rolled back an interrupted publication of {len(entries)} file(s): the previous results are restored"
    else:
        message = f"completed the clean-up of a finished publication of {len(entries)} file(s)"
    _discard(*(Path(e["backup"]) for e in entries if e["backup"]), *(Path(e["temporary"]) for e in entries if e["temporary"]))
    path.unlink(missing_ok=True)
    return message


def write_atomic(target: Path, text: str) -> None:
    """Write one text file all at once (a temporary file beside it, then a rename)."""
    staged = target.parent / f".{target.name}.{secrets.token_hex(4)}.staged"
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        staged.write_text(text, encoding="utf-8")
    except OSError as error:
        _discard(staged)
        raise PublishError(f"{target}: cannot write: {_why(error)}; the previous version is unchanged") from None
    try:
        publish([Item(staged, target)])
    finally:
        _discard(staged)
