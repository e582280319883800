"""Settings: one table, documented, validated once."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.config import SETTINGS, Config, load_config
from eventwire.errors import EventwireError

README = Path(__file__).resolve().parents[2] / "README.md"


def test_config_every_setting_is_a_field_and_documented_in_readme():
    fields = set(Config.__dataclass_fields__)
    readme = README.read_text(encoding="utf-8")
    for setting in SETTINGS:
        assert setting.name in fields
        assert f"| `{setting.name}` | `{setting.default}` | {setting.help} |" in readme
    assert fields == {s.name for s in SETTINGS}


def test_config_toml_overrides_keys_and_env_overrides_db(tmp_path, monkeypatch):
    path = tmp_path / "eventwire.toml"
    path.write_text('[eventwire]\nworkers = 3\ndb = "from-file.duckdb"\n')
    monkeypatch.delenv("EVENTWIRE_DB", raising=False)
    config = load_config(path)
    assert config.workers == 3 and config.db == "from-file.duckdb" and config.batch_size == 16
    monkeypatch.setenv("EVENTWIRE_DB", "from-env.duckdb")
    assert load_config(path).db == "from-env.duckdb"


@pytest.mark.parametrize(
    ("body", "code"), [("colour = 1", "E501"), ("workers = 'two'", "E502"), ("on_error = 'explode'", "E502")]
)
def test_config_bad_values_are_rejected_with_codes(tmp_path, body, code):
    path = tmp_path / "bad.toml"
    path.write_text(f"[eventwire]\n{body}\n")
    with pytest.raises(EventwireError) as err:
        load_config(path)
    assert err.value.code == code
