"""Publishing is all or nothing: full disks, read-only folders, other filesystems, crashes mid-way."""

import errno
import json
import os

import pytest

from reelib import paths
from reelib.errors import PublishError
from reelib.runner import publish


@pytest.fixture
def site(tmp_path, monkeypatch):
    """Published files (old versions) and a staged run (new versions)."""
    monkeypatch.setattr(paths, "BUILD_DIR", tmp_path / "build")
    published, staged = tmp_path / "figures", tmp_path / "staging"
    published.mkdir()
    staged.mkdir()
    for name in ("a.png", "b.svg", "c.json"):
        (published / name).write_text(f"old {name}")
        (staged / name).write_text(f"new {name}")
    (staged / "d.png").write_text("new d.png")  # a figure drawn for the first time
    (published / "stale.png").write_text("a figure no longer drawn")
    items = [publish.Item(staged / n, published / n) for n in ("a.png", "b.svg", "c.json", "d.png")]
    return published, items


def contents(folder):
    return {p.name: p.read_text() for p in sorted(folder.iterdir())}


OLD = {"a.png": "old a.png", "b.svg": "old b.svg", "c.json": "old c.json", "stale.png": "a figure no longer drawn"}


def test_a_publication_replaces_everything_and_leaves_no_temporary_file(site):
    published, items = site
    publish.publish(items, stale=[published / "stale.png"])
    assert contents(published) == {"a.png": "new a.png", "b.svg": "new b.svg", "c.json": "new c.json", "d.png": "new d.png"}
    assert not (paths.BUILD_DIR / publish.JOURNAL).exists()


@pytest.mark.parametrize(
    "code, words",
    [(errno.ENOSPC, "the disk is full"), (errno.EROFS, "the filesystem is read-only"), (errno.EACCES, "permission denied"), (errno.EDQUOT, "the disk quota is exceeded")],
)
def test_a_failure_while_copying_changes_nothing_and_says_which_file(site, monkeypatch, code, words):
    published, items = site
    real_copy, calls = publish._copy, []

    def copy(source, target):
        calls.append(target)
        if len(calls) == 3:
            raise OSError(code, os.strerror(code))
        real_copy(source, target)

    monkeypatch.setattr(publish, "_copy", copy)
    with pytest.raises(PublishError, match=rf"c.json: cannot write: {words}; nothing was published, the previous results are unchanged"):
        publish.publish(items, stale=[published / "stale.png"])
    assert contents(published) == OLD


def test_a_failure_during_the_renames_is_rolled_back(site, monkeypatch):
    published, items = site
    real_replace, calls = os.replace, []

    def replace(source, target):
        calls.append(target)
        if str(target).endswith("c.json"):
            raise PermissionError(errno.EPERM, "Operation not permitted")
        real_replace(source, target)

    with monkeypatch.context() as patched, pytest.raises(PublishError, match=r"c.json: cannot replace it: the operation is not permitted .*restored, the previous results are unchanged"):
        patched.setattr(publish.os, "replace", replace)
        publish.publish(items, stale=[published / "stale.png"])
    assert contents(published) == OLD


def test_an_immutable_file_is_found_before_anything_moves(site, monkeypatch):
    published, items = site

    def link(source, target):
        raise PermissionError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(publish.os, "link", link)
    with pytest.raises(PublishError, match=r"a.png: cannot keep a backup of the previous version: the operation is not permitted"):
        publish.publish(items)
    assert contents(published) == OLD


def test_a_filesystem_without_hard_links_or_across_devices_still_publishes(site, monkeypatch):
    published, items = site

    def link(source, target):
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(publish.os, "link", link)
    publish.publish(items)
    assert contents(published)["a.png"] == "new a.png"


def test_a_folder_that_cannot_be_created_is_named(site, monkeypatch, tmp_path):
    _, items = site

    def mkdir(self, *args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    target = publish.Item(items[0].source, tmp_path / "readonly" / "a.png")
    monkeypatch.setattr(type(tmp_path), "mkdir", mkdir)
    with pytest.raises(PublishError, match=r"readonly: cannot create the folder: the filesystem is read-only"):
        publish.publish([target])


def test_a_publication_killed_mid_way_is_rolled_back_by_the_next_command(site, monkeypatch):
    published, items = site
    real_replace, calls = os.replace, []

    def killed(source, target):
        calls.append(target)
        if str(target).endswith("c.json"):
            raise KeyboardInterrupt  # the process dies here: no rollback runs
        real_replace(source, target)

    with monkeypatch.context() as patched, pytest.raises(KeyboardInterrupt):
        patched.setattr(publish.os, "replace", killed)
        publish.publish(items, stale=[published / "stale.png"])
    journal = json.loads((paths.BUILD_DIR / publish.JOURNAL).read_text())
    assert journal["state"] == "prepared"
    assert contents(published)["a.png"] == "new a.png"  # half-published, as a crash would leave it
    assert "rolled back" in publish.recover()
    assert contents(published) == OLD
    assert publish.recover() is None


def test_a_publication_killed_after_every_rename_is_kept(site, monkeypatch):
    published, items = site
    real_discard = publish._discard
    monkeypatch.setattr(publish, "_discard", lambda *files: (_ for _ in ()).throw(KeyboardInterrupt))
    with pytest.raises(KeyboardInterrupt):
        publish.publish(items)
    monkeypatch.setattr(publish, "_discard", real_discard)
    assert "completed" in publish.recover()
    assert contents(published)["d.png"] == "new d.png" and not any(p.name.startswith(".") for p in published.iterdir())


def test_write_atomic_replaces_or_keeps(tmp_path, monkeypatch):
    monkeypatch.setattr(paths, "BUILD_DIR", tmp_path / "build")
    target = tmp_path / "reports" / "verdicts.json"
    publish.write_atomic(target, "one")
    publish.write_atomic(target, "two")
    assert target.read_text() == "two" and [p.name for p in target.parent.iterdir()] == ["verdicts.json"]
