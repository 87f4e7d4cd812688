"""The benchmarks in bench/ still import and parse their options (they are not run here)."""
from __future__ import annotations

import importlib.util
import sys

import pytest

from tests.conftest import REPO_ROOT


@pytest.mark.parametrize(
    "name, option",
    [("turn_latency", "--rasa-url"), ("backend_throughput", "--intakes"), ("nlu_pipelines", "--before"),
     ("multilingual", "--set"), ("crisis_batch_cv", "--no-batches")],
)
def test_benchmark_imports_and_parses_its_options(name, option, capsys, monkeypatch):
    spec = importlib.util.spec_from_file_location(name, REPO_ROOT / "bench" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, name, module)  # its dataclasses look their module up
    spec.loader.exec_module(module)
    with pytest.raises(SystemExit) as exit_:
        module.main(["--help"])
    assert exit_.value.code == 0
    assert option in capsys.readouterr().out
