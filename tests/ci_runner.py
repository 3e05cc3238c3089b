"""A small GitHub Actions runner for the tests: it runs a workflow job's steps and this
repository's composite action (action.yml) on this machine, as GitHub's runner would.

* ``run:`` steps run with ``bash --noprofile --norc -eo pipefail`` (the runner's ``bash``
  shell) in their working directory, with the env the runner gives: ``GITHUB_OUTPUT``,
  ``GITHUB_ENV``, ``GITHUB_PATH``, ``GITHUB_STEP_SUMMARY``, ``RUNNER_TEMP``, ``CI=true`` ...;
* ``${{ }}`` in ``env``, ``with``, ``working-directory`` and names, and ``if:``, are evaluated
  from the contexts (github, inputs, steps, env) with the operators the files use (``==``,
  ``!=``, ``&&``, ``||``, ``!``, parentheses, ``success()``, ``always()`` ...);
* ``uses:`` of this repository's action (``<owner>/powercat@<ref>`` or ``./``) runs action.yml's
  steps, its ``github.action_path`` this checkout or the copy the test gives; any other ``uses:`` is handed to the stand-in
  the test gives for it (``stand_ins["actions/setup-python"]``), which sees its ``with`` and
  the job's state and returns its outputs. A ``uses:`` with no stand-in fails the test.
"""

from __future__ import annotations

import os
import re
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from ruamel.yaml import YAML

REPO = Path(__file__).resolve().parents[1]
EXPR = re.compile(r"\$\{\{\s*(.*?)\s*\}\}", re.S)
TOKEN = re.compile(r"\s*(?:(?P<str>'(?:[^']|'')*')|(?P<op>==|!=|&&|\|\||!|\(|\))|(?P<num>\d+)"
                   r"|(?P<call>[A-Za-z_][\w-]*)\(\)|(?P<path>[A-Za-z_][\w.-]*))")


def load(path: Path) -> Any:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


# --- expressions -----------------------------------------------------------------------------

def _lookup(contexts: dict[str, Any], path: str) -> Any:
    value: Any = contexts
    for part in path.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def _tokens(text: str) -> list[tuple[str, str]]:
    out, pos = [], 0
    while pos < len(text.rstrip()):
        m = TOKEN.match(text, pos)
        assert m and m.end() > pos, f"expression not understood at {text[pos:]!r}"
        kind = m.lastgroup or ""
        out.append((kind, m.group(kind)))
        pos = m.end()
    return out


def evaluate(text: str, contexts: dict[str, Any], status: Callable[[str], bool]) -> Any:
    """The value of one expression (the subset of GitHub's expression syntax the files use)."""
    tokens = _tokens(text)

    def take() -> tuple[str, str]:
        return tokens.pop(0)

    def atom() -> Any:
        kind, value = take()
        if (kind, value) == ("op", "!"):
            return not truthy(atom())
        if (kind, value) == ("op", "("):
            inner = either()
            assert take() == ("op", ")")
            return inner
        if kind == "str":
            return value[1:-1].replace("''", "'")
        if kind == "num":
            return int(value)
        if kind == "call":
            return status(value)
        literals = {"true": True, "false": False, "null": None}
        return literals[value] if value in literals else _lookup(contexts, value)

    def compare() -> Any:
        left = atom()
        while tokens and tokens[0] in (("op", "=="), ("op", "!=")):
            op = take()[1]
            right = atom()
            same = _loose(left) == _loose(right)
            left = same if op == "==" else not same
        return left

    def both() -> Any:
        left = compare()
        while tokens and tokens[0] == ("op", "&&"):
            take()
            right = compare()
            left = right if truthy(left) else left
        return left

    def either() -> Any:
        left = both()
        while tokens and tokens[0] == ("op", "||"):
            take()
            right = both()
            left = left if truthy(left) else right
        return left

    value = either()
    assert not tokens, f"expression not understood: {text!r}"
    return value


def _loose(value: Any) -> Any:
    """GitHub compares strings case-insensitively and null as ''."""
    return "" if value is None else value.lower() if isinstance(value, str) else value


def truthy(value: Any) -> bool:
    return value not in (None, False, 0, "")


def _string(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def interpolate(text: Any, contexts: dict[str, Any], status: Callable[[str], bool]) -> str:
    if not isinstance(text, str):
        return _string(text)
    return EXPR.sub(lambda m: _string(evaluate(m.group(1), contexts, status)), text)


# --- running -----------------------------------------------------------------------------------

@dataclass
class Step:
    name: str
    outcome: str  # success | failure | skipped
    output: str = ""
    outputs: dict[str, str] = field(default_factory=dict)
    code: int = 0
    seconds: float = 0.0


@dataclass
class Runner:
    """One job's state: the workspace, the contexts, the files GitHub's runner keeps."""

    workspace: Path
    temp: Path
    github: dict[str, Any]
    stand_ins: dict[str, Callable[["Runner", dict[str, str]], dict[str, str]]] = field(default_factory=dict)
    env: dict[str, str] = field(default_factory=dict)
    path: list[str] = field(default_factory=list)  # GITHUB_PATH additions, newest first
    log: list[Step] = field(default_factory=list)
    action_path: Path = REPO  # where the runner keeps this action (GitHub: _actions/OWNER/NAME/REF)

    def __post_init__(self) -> None:
        self.workspace.mkdir(parents=True, exist_ok=True)  # GitHub's runner makes it, empty
        self.temp.mkdir(parents=True, exist_ok=True)
        self.summary = self.temp / "step_summary.md"
        self.summary.touch()

    def base_env(self) -> dict[str, str]:
        g = self.github
        env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "RUNNER_", "POWERCAT_", "PYTEST"))}
        env.pop("PYTHONPATH", None)  # the job runs the powercat it installed, not this checkout's src/
        env.pop("VIRTUAL_ENV", None)
        env.update({
            "CI": "true", "GITHUB_ACTIONS": "true", "GITHUB_WORKSPACE": str(self.workspace),
            "GITHUB_REPOSITORY": g["repository"], "GITHUB_EVENT_NAME": g["event_name"],
            "GITHUB_REF": g.get("ref", ""), "GITHUB_BASE_REF": g.get("base_ref") or "",
            "GITHUB_SERVER_URL": g.get("server_url", "https://github.com"), "GITHUB_SHA": g.get("sha", ""),
            "RUNNER_TEMP": str(self.temp), "GITHUB_STEP_SUMMARY": str(self.summary), "HOME": env.get("HOME", "/root"),
        })
        env.update(self.env)
        env["PATH"] = os.pathsep.join([*self.path, env.get("PATH", "")])
        return env

    def run_job(self, job: dict[str, Any]) -> bool:
        """Every step of a workflow job; True when the job succeeded."""
        contexts = {"github": self.github, "steps": {}, "env": dict(job.get("env") or {}), "inputs": {}}
        return self._steps(job["steps"], contexts, self.workspace)

    def _steps(self, steps: list[dict[str, Any]], contexts: dict[str, Any], default_dir: Path) -> bool:
        failed = False

        def status(name: str) -> bool:
            return {"success": not failed, "failure": failed, "always": True, "cancelled": False}[name]

        for i, step in enumerate(steps):
            name = interpolate(step.get("name") or step.get("uses") or step.get("run", "").split("\n")[0], contexts, status)
            condition = step.get("if", "success()")
            if isinstance(condition, str):
                condition = EXPR.sub(lambda m: m.group(1), condition)
                if not re.search(r"\b(success|failure|always|cancelled)\(\)", condition):
                    condition = f"success() && ({condition})"  # as GitHub reads an `if:` without one
            if not truthy(evaluate(condition, contexts, status) if isinstance(condition, str) else condition):
                self.log.append(Step(name, "skipped"))
                if step.get("id"):
                    contexts["steps"][step["id"]] = {"outputs": {}, "outcome": "skipped", "conclusion": "skipped"}
                continue
            started = time.perf_counter()
            result = self._uses(step, contexts, status) if "uses" in step else self._run(step, contexts, status, default_dir)
            result.name, result.seconds = name, round(time.perf_counter() - started, 2)
            self.log.append(result)
            if step.get("id"):
                contexts["steps"][step["id"]] = {"outputs": result.outputs, "outcome": result.outcome}
            if result.outcome == "failure" and not step.get("continue-on-error"):
                failed = True
        return not failed

    def _env(self, step: dict[str, Any], contexts: dict[str, Any], status: Callable[[str], bool]) -> dict[str, str]:
        env = {k: interpolate(v, contexts, status) for k, v in (contexts.get("env") or {}).items()}
        env.update({k: interpolate(v, contexts, status) for k, v in (step.get("env") or {}).items()})
        return env

    def _run(self, step: dict[str, Any], contexts: dict[str, Any], status: Callable[[str], bool], default_dir: Path) -> Step:
        assert step.get("shell", "bash") == "bash", step
        script = interpolate(step["run"], contexts, status)
        n = len(self.log)
        files = {"GITHUB_OUTPUT": self.temp / f"output-{n}", "GITHUB_ENV": self.temp / f"env-{n}",
                 "GITHUB_PATH": self.temp / f"path-{n}"}
        for f in files.values():
            f.write_text("", encoding="utf-8")
        (self.temp / f"step-{n}.sh").write_text(script, encoding="utf-8")
        env = {**self.base_env(), **self._env(step, contexts, status), **{k: str(v) for k, v in files.items()}}
        folder = default_dir / interpolate(step.get("working-directory", "."), contexts, status)
        done = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(self.temp / f"step-{n}.sh")],
                              cwd=folder, env=env, capture_output=True, text=True, timeout=900, check=False)
        self.env.update(_pairs(files["GITHUB_ENV"].read_text(encoding="utf-8")))
        self.path[:0] = [p for p in files["GITHUB_PATH"].read_text(encoding="utf-8").splitlines()[::-1] if p]
        return Step("", "success" if done.returncode == 0 else "failure", done.stdout + done.stderr,
                    _pairs(files["GITHUB_OUTPUT"].read_text(encoding="utf-8")), done.returncode)

    def _uses(self, step: dict[str, Any], contexts: dict[str, Any], status: Callable[[str], bool]) -> Step:
        uses = step["uses"]
        given = {k: interpolate(v, contexts, status) for k, v in (step.get("with") or {}).items()}
        if uses == "./" or re.fullmatch(r"[\w.-]+/powercat@[\w.-]+", uses):
            return self.run_action(given)
        action = uses.split("@", 1)[0]
        assert action in self.stand_ins, f"no stand-in for {uses}"
        outputs = self.stand_ins[action](self, given)
        return Step("", "success", outputs=outputs)

    def run_action(self, given: dict[str, str]) -> Step:
        """This repository's composite action with the inputs ``given``."""
        action = load(self.action_path / "action.yml")
        unknown = set(given) - set(action["inputs"])
        assert not unknown, f"inputs action.yml does not have: {unknown}"
        inputs = {k: given.get(k, _string(spec.get("default", ""))) for k, spec in action["inputs"].items()}
        missing = [k for k, spec in action["inputs"].items() if spec.get("required") and not inputs[k]]
        assert not missing, f"required inputs not given: {missing}"
        # composite actions do not always see github.action_repository/action_ref: left empty here
        github = {**self.github, "action_path": str(self.action_path), "action_repository": "", "action_ref": ""}
        contexts = {"github": github, "inputs": inputs, "steps": {}, "env": {}}
        ok = self._steps(action["runs"]["steps"], contexts, self.workspace)
        outputs = {k: interpolate(v["value"], contexts, lambda _: True) for k, v in (action.get("outputs") or {}).items()}
        return Step("", "success" if ok else "failure", outputs=outputs)

    def output(self) -> str:
        return "\n".join(s.output for s in self.log)


def _pairs(text: str) -> dict[str, str]:
    """``key=value`` lines (and ``key<<EOF`` blocks) of GITHUB_OUTPUT / GITHUB_ENV."""
    out: dict[str, str] = {}
    lines = iter(text.splitlines())
    for line in lines:
        if "<<" in line and "=" not in line.split("<<", 1)[0]:
            key, end = line.split("<<", 1)
            block = []
            for more in lines:
                if more == end:
                    break
                block.append(more)
            out[key] = "\n".join(block)
        elif "=" in line:
            key, value = line.split("=", 1)
            out[key] = value
    return out
