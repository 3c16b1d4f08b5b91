"""The environment files agree, and the known start-up trap stays out."""

import importlib.util
import re
import tomllib

import yaml
from conftest import ROOT


def lock_pins():
    pins = {}
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        if line and not line.startswith("#"):
            name, version = line.split("==")
            pins[name.lower()] = version
    return pins


def environment():
    return yaml.safe_load((ROOT / "environment.yml").read_text())


def test_environment_yml_pins_every_direct_dependency_to_the_lock():
    env = environment()
    assert env["channels"][0] == "conda-forge"
    conda, pip = {}, {}
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            for line in dep["pip"]:
                if line != "-e .":
                    name, version = line.split("==")
                    pip[name.lower()] = version
        elif "=" in dep:
            name, version = dep.split("=", 1)
            conda[name.lower()] = version
    assert conda.pop("python") == "3.11"
    pins = lock_pins()
    direct = [re.split(r"[<>=!~\[; ]", d, maxsplit=1)[0].lower() for d in tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]]
    assert sorted(conda | pip) == sorted(direct)
    drift = {name: (version, pins.get(name)) for name, version in (conda | pip).items() if pins.get(name) != version}
    assert not drift, f"environment.yml and requirements.lock disagree (run 'make lock'): {drift}"


def test_environment_yml_pip_section_holds_requirements_only():
    # conda hands each line to pip as a requirement: an option such as --no-deps would be read as a package.
    (pip,) = [dep["pip"] for dep in environment()["dependencies"] if isinstance(dep, dict)]
    assert pip[-1] == "-e ."
    for line in pip[:-1]:
        assert re.fullmatch(r"[A-Za-z0-9_.\-]+==[0-9][A-Za-z0-9_.+\-]*", line), line


def test_lock_pins_exact_versions_of_everything():
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        assert re.fullmatch(r"[A-Za-z0-9_.\-]+==[0-9][A-Za-z0-9_.+\-]*", line), line


def test_rfc3987_syntax_is_neither_locked_nor_installed():
    # It builds a parser at import and adds ~2.5 s to every papermill, nbconvert and nbval start.
    assert "rfc3987-syntax" not in lock_pins()
    assert importlib.util.find_spec("rfc3987_syntax") is None


def test_jupyter_stack_works_without_it():
    import jsonschema
    import jupyter_events.validators
    import nbconvert
    import papermill

    schema = {"type": "object", "properties": {"u": {"type": "string", "format": "uri-reference"}}}
    jsonschema.validate({"u": "https://example.org/x"}, schema, format_checker=jsonschema.FormatChecker())
    assert papermill.__version__ and nbconvert.__version__ and jupyter_events.validators


def test_citation_changelog_and_package_agree_on_the_version():
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text())
    assert citation["version"] == version
    assert set(citation["license"]) == {"MIT", "CC-BY-4.0"}  # code, and data/figures/reports
    assert f"## {version} — " in (ROOT / "CHANGELOG.md").read_text()
    import reelib

    assert reelib.__version__ == version


def test_binder_builds_from_the_lock():
    requirements = (ROOT / ".binder" / "requirements.txt").read_text().splitlines()
    assert "-r ../requirements.lock" in requirements
    assert (ROOT / ".binder" / "runtime.txt").read_text().strip() == "python-3.11"
    assert "pip install --no-deps" in (ROOT / ".binder" / "postBuild").read_text()
