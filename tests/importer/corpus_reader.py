"""Reading the corpus in tests/importer/corpus: each article beside its expected result.

An article is a .txt (pasted text), a .html (pasted HTML) or a .docx.txt, a plain-text
description of a Word document that ``build_docx`` turns into a real .docx: "# " marks the
Title style, "## " a heading, "**…**" a bold paragraph, "_…_" an italic one, "[ảnh]" a
picture.
"""

import datetime
import json
from dataclasses import dataclass
from pathlib import Path

from importer import docx, sources
from tests.importer.docx_builder import DocxBuilder, jpeg, png

CORPUS = Path(__file__).parent / "corpus"
SUFFIXES = (".docx.txt", ".html", ".txt")


@dataclass
class Article:
    name: str
    path: Path
    expected: dict

    @property
    def day(self) -> datetime.date:
        return datetime.date.fromisoformat(self.expected["date"])

    def read(self, legacy_encoding=None):
        content = self.path.read_text(encoding="utf-8")
        if self.path.name.endswith(".docx.txt"):
            return docx.read_docx(build_docx(content), self.path.name, legacy_encoding)
        if self.path.suffix == ".html":
            return sources.read_html(content, legacy_encoding)
        return sources.read_text(content, legacy_encoding)


def build_docx(description: str) -> bytes:
    builder = DocxBuilder()
    pictures = 0
    for line in description.splitlines():
        if not line.strip():
            continue
        if line.strip() == "[ảnh]":
            builder.picture(
                png() if pictures % 2 == 0 else jpeg(), "png" if pictures % 2 == 0 else "jpeg"
            )
            pictures += 1
        elif line.startswith("## "):
            builder.paragraph(line[3:], style="Heading2")
        elif line.startswith("# "):
            builder.paragraph(line[2:], style="Title")
        elif line.startswith("**") and line.endswith("**"):
            builder.paragraph(line[2:-2], bold=True)
        elif line.startswith("_") and line.endswith("_"):
            builder.paragraph(line[1:-1], italic=True)
        else:
            builder.paragraph(line)
    return builder.build()


def articles() -> list[Article]:
    found = []
    for expected_path in sorted(CORPUS.glob("*.json")):
        stem = expected_path.name.removesuffix(".json")
        path = next(
            CORPUS / f"{stem}{suffix}"
            for suffix in SUFFIXES
            if (CORPUS / f"{stem}{suffix}").exists()
        )
        found.append(Article(stem, path, json.loads(expected_path.read_text(encoding="utf-8"))))
    return found
