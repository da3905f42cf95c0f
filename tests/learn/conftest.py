"""A tiny train folder in the open sets' layout, made from tests/fixtures/learn/train."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from polemos.learn.convert import STORIES


@pytest.fixture
def train_dir(fixtures: Path, tmp_path: Path) -> Path:
    """The fixture folder, with the stories zipped as the real set ships them."""
    root = tmp_path / "train"
    shutil.copytree(fixtures / "learn" / "train", root)
    plain = root / "ngec_synthetic_plover" / "stories.csv"
    with zipfile.ZipFile(root / STORIES, "w") as archive:
        archive.write(plain, Path(STORIES).stem)
    plain.unlink()
    return root
