"""Small, valid attachment files for seeded mail: PNG images (pypng) and one-page PDFs.

Real files, so a client that previews an attachment gets something it can open.
"""

from __future__ import annotations

import io
import random

from ....lazy_module import lazy

png = lazy("png")
"""pypng, imported by the first seeded mail with an image, not by every start."""


def png_image(rng: random.Random, width: int = 24, height: int = 16) -> bytes:
    """A diagonal two-colour gradient in random colours."""
    start = [rng.randrange(256) for _ in range(3)]
    end = [rng.randrange(256) for _ in range(3)]
    rows = []
    for y in range(height):
        row: list[int] = []
        for x in range(width):
            t = (x + y) / (width + height - 2)
            row.extend(round(a + (b - a) * t) for a, b in zip(start, end))
        rows.append(row)
    buffer = io.BytesIO()
    png.Writer(width, height, greyscale=False, bitdepth=8).write(buffer, rows)
    return buffer.getvalue()


def pdf_document(title: str, lines: list[str]) -> bytes:
    """A one-page PDF 1.4 showing ``title`` and ``lines`` in Helvetica, with a correct xref
    table (byte offsets of every object), so strict readers open it."""
    text_ops = ["BT", "/F1 16 Tf", "72 760 Td", f"({_pdf_text(title)}) Tj", "/F1 11 Tf"]
    for line in lines:
        text_ops += ["0 -18 Td", f"({_pdf_text(line)}) Tj"]
    text_ops.append("ET")
    stream = "\n".join(text_ops).encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref_at = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref_at)
    return bytes(out)


def _pdf_text(value: str) -> str:
    return value.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
