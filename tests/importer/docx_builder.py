"""Small real .docx files for tests: paragraphs with Word styles, runs, inline pictures."""

import io
import zipfile
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from PIL import Image

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
PIC = "http://schemas.openxmlformats.org/drawingml/2006/picture"
IMAGE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Default Extension="png" ContentType="image/png"/>
<Default Extension="jpeg" ContentType="image/jpeg"/>
<Override PartName="/word/document.xml"
 ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml"
 ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
</Types>"""

PACKAGE_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1"
 Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
 Target="word/document.xml"/>
</Relationships>"""

STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{W}">
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/></w:style>
<w:style w:type="paragraph" w:styleId="Caption"><w:name w:val="caption"/></w:style>
</w:styles>"""


def png(color=(200, 30, 30), size=(64, 48)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, "PNG")
    return buffer.getvalue()


def jpeg(color=(30, 30, 200), size=(64, 48)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, "JPEG")
    return buffer.getvalue()


@dataclass
class Paragraph:
    text: str = ""
    style: str = ""
    bold: bool = False
    italic: bool = False


@dataclass
class Picture:
    data: bytes
    extension: str = "png"
    alt: str = ""


@dataclass
class DocxBuilder:
    items: list = field(default_factory=list)

    def paragraph(self, text, style="", bold=False, italic=False):
        self.items.append(Paragraph(text, style, bold, italic))
        return self

    def picture(self, data=None, extension="png", alt=""):
        self.items.append(Picture(data or png(), extension, alt))
        return self

    def build(self) -> bytes:
        body, rels, media = [], [], {}
        for item in self.items:
            if isinstance(item, Paragraph):
                body.append(_paragraph(item))
            else:
                number = len(media) + 1
                rel_id = f"rIdImg{number}"
                name = f"media/image{number}.{item.extension}"
                media[f"word/{name}"] = item.data
                rels.append(f'<Relationship Id="{rel_id}" Type="{IMAGE_REL}" Target="{name}"/>')
                body.append(_drawing(rel_id, number, item.alt))
        document = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<w:document xmlns:w="{W}" xmlns:r="{R}" xmlns:wp="{WP}" xmlns:a="{A}" '
            f'xmlns:pic="{PIC}"><w:body>{"".join(body)}</w:body></w:document>'
        )
        document_rels = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/styles" Target="styles.xml"/>'
            f"{''.join(rels)}</Relationships>"
        )
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("[Content_Types].xml", CONTENT_TYPES)
            archive.writestr("_rels/.rels", PACKAGE_RELS)
            archive.writestr("word/document.xml", document)
            archive.writestr("word/_rels/document.xml.rels", document_rels)
            archive.writestr("word/styles.xml", STYLES)
            for name, data in media.items():
                archive.writestr(name, data)
        return buffer.getvalue()


def _paragraph(item: Paragraph) -> str:
    style = f'<w:pPr><w:pStyle w:val="{item.style}"/></w:pPr>' if item.style else ""
    marks = ("<w:b/>" if item.bold else "") + ("<w:i/>" if item.italic else "")
    run_props = f"<w:rPr>{marks}</w:rPr>" if marks else ""
    run = f'<w:r>{run_props}<w:t xml:space="preserve">{escape(item.text)}</w:t></w:r>'
    return f"<w:p>{style}{run}</w:p>"


def _drawing(rel_id: str, number: int, alt: str) -> str:
    return (
        "<w:p><w:r><w:drawing><wp:inline>"
        '<wp:extent cx="952500" cy="714375"/>'
        f'<wp:docPr id="{number}" name="Picture {number}" descr="{escape(alt)}"/>'
        f'<a:graphic><a:graphicData uri="{PIC}"><pic:pic>'
        f'<pic:nvPicPr><pic:cNvPr id="{number}" name="image{number}"/><pic:cNvPicPr/>'
        f'</pic:nvPicPr><pic:blipFill><a:blip r:embed="{rel_id}"/></pic:blipFill>'
        "<pic:spPr/></pic:pic></a:graphicData></a:graphic>"
        "</wp:inline></w:drawing></w:r></w:p>"
    )


def encrypted_docx() -> bytes:
    """What Word saves for a password-protected document: an OLE (CFB) container whose
    directory names the EncryptionInfo and EncryptedPackage streams."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    directory = (
        "Root Entry".encode("utf-16-le").ljust(128, b"\x00")
        + "EncryptionInfo".encode("utf-16-le").ljust(128, b"\x00")
        + "EncryptedPackage".encode("utf-16-le").ljust(128, b"\x00")
    )
    return header + directory + b"\x00" * 2048


def legacy_doc() -> bytes:
    """A Word 97–2003 .doc: an OLE container with a WordDocument stream."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    return header + "WordDocument".encode("utf-16-le").ljust(128, b"\x00") + b"\x00" * 1024
