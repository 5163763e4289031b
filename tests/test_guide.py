"""The editors' guide (docs/redaktion.md): its full example is a valid record and it explains every field."""

from __future__ import annotations

import re
import shutil

import pytest

from rathaus.load import _SIMPLE_MESSAGES
from rathaus.models import LocalPart, Municipality, Office, Service, Topic
from rathaus.review import EXPECTED_SERVICE_FIELDS

from .conftest import REPO, rathaus

GUIDE = REPO / "docs/redaktion.md"


def guide() -> str:
    return GUIDE.read_text(encoding="utf-8")


def full_example() -> str:
    section = guide().split("### Vollständiges Beispiel", 1)[1]
    return re.search(r"```yaml\n(.*?)```", section, re.S).group(1)


def test_readme_links_the_guide():
    assert "(docs/redaktion.md)" in (REPO / "README.md").read_text(encoding="utf-8")


def test_full_example_passes_strict_check_in_the_demo_catalogue(tmp_path):
    project = tmp_path / "project"
    for name in ("services", "offices", "topics", "municipalities", "content", "theme"):
        shutil.copytree(REPO / name, project / name)
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    example = full_example()
    record_id = re.search(r"^id: (\S+)$", example, re.M).group(1)
    (project / "services" / f"{record_id}.yaml").write_text(example, encoding="utf-8")
    result = rathaus("check", "--strict", cwd=project)
    assert result.code == 0, result.out
    assert "0 Fehler, 0 Warnungen" in result.err


def test_full_example_shows_every_service_field():
    example = full_example()
    for name in Service.model_fields:
        assert re.search(rf"^(# )?{name}:", example, re.M), name


@pytest.mark.parametrize("model", [Service, Office, Topic, Municipality, LocalPart])
def test_guide_names_every_field(model):
    text = guide()
    for name in model.model_fields:
        assert f"`{name}`" in text, f"{model.__name__}.{name} is not explained in docs/redaktion.md"


def test_guide_explains_every_kind_of_check_message():
    text = guide()
    for message in {m.split(" (")[0].split(",")[0] for m in _SIMPLE_MESSAGES.values()} - {"ungültiger Wert"}:
        assert message in text, message
    for _, _, advice in EXPECTED_SERVICE_FIELDS:
        assert advice.split(";")[0] in text, advice
