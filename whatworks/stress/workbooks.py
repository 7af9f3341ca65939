# ruff: noqa: E501 (the Open XML parts are kept one per line, as a reader would check them)
"""Hand-made .xlsx workbooks for the hostile corpus: a zip of a few XML parts, built byte by byte
so a sheet may declare any dimension, hold formulas without values, errors, entities or junk."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Sequence
from xml.sax.saxutils import escape

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    "</Relationships>"
)
SHEET_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
)


def column_letters(number: int) -> str:
    """1 -> A, 27 -> AA, 16384 -> XFD."""
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell(ref: str, value: str) -> str:
    """A cell as Excel writes it: a number as <v>, anything else as an inline string; a raw
    cell (already XML, e.g. a formula) when ``value`` starts with '<'."""
    if value.startswith("<"):
        return f'<c r="{ref}"{value[1:]}' if value.startswith("< ") else value
    try:
        float(value)
    except ValueError:
        return f'<c r="{ref}" t="inlineStr"><is><t>{escape(value)}</t></is></c>'
    return f'<c r="{ref}"><v>{value}</v></c>'


def sheet_xml(rows: Sequence[Sequence[str]], dimension: str | None = None, extra: str = "") -> str:
    """A worksheet holding ``rows`` from A1; ``extra`` cells (raw XML) after the last row."""
    body = []
    for number, row in enumerate(rows, start=1):
        cells = "".join(
            cell(f"{column_letters(i)}{number}", v) for i, v in enumerate(row, start=1) if v != ""
        )
        body.append(f'<row r="{number}">{cells}</row>')
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return f"{SHEET_HEAD}{dim}<sheetData>{''.join(body)}{extra}</sheetData></worksheet>"


def workbook(sheet: str | bytes, parts: dict[str, str | bytes] | None = None) -> bytes:
    """The zip of a one-sheet workbook; ``parts`` replace or add parts (None content: left out)."""
    files: dict[str, str | bytes] = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": ROOT_RELS,
        "xl/workbook.xml": WORKBOOK,
        "xl/_rels/workbook.xml.rels": WORKBOOK_RELS,
        "xl/worksheets/sheet1.xml": sheet,
    }
    files.update(parts or {})
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as book:
        for name, content in files.items():
            book.writestr(name, content)
    return buffer.getvalue()


def table_workbook(rows: Sequence[Sequence[str]]) -> bytes:
    """A plain workbook of ``rows`` (the first is the header)."""
    return workbook(sheet_xml(rows))


def lying_sizes(data: bytes, declared: int) -> bytes:
    """The workbook with every part's declared unpacked size set to ``declared`` (a zip that
    claims to be a bomb, or, with a small figure, one that hides how much it unpacks to)."""
    out = bytearray(data)
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = 0
        while (found := out.find(signature, start)) >= 0:
            out[found + offset : found + offset + 4] = struct.pack("<I", declared & 0xFFFFFFFF)
            start = found + 4
    return bytes(out)


def zip_bomb(header: Sequence[str], unpacked: int) -> bytes:
    """A workbook whose sheet unpacks to about ``unpacked`` bytes of padding: a real bomb,
    compressed by streaming zlib so making it needs no memory of that size."""
    head = sheet_xml([header])[: -len("</sheetData></worksheet>")].encode()
    tail = b"</sheetData></worksheet>"
    chunk = b" " * (1 << 20)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    pieces = [compressor.compress(head)]
    crc = zlib.crc32(head)
    for _ in range(unpacked // len(chunk)):
        pieces.append(compressor.compress(chunk))
        crc = zlib.crc32(chunk, crc)
    pieces.append(compressor.compress(tail))
    crc = zlib.crc32(tail, crc)
    pieces.append(compressor.flush())
    size = len(head) + (unpacked // len(chunk)) * len(chunk) + len(tail)
    compressed = b"".join(pieces)
    base = workbook("<placeholder/>")
    # Rebuild: every part as usual, the sheet's bytes replaced by the streamed deflate.
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as source, zipfile.ZipFile(buffer, "w") as book:
        for info in source.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                book.writestr(info, source.read(info.filename), zipfile.ZIP_DEFLATED)
    return _append_raw(buffer.getvalue(), "xl/worksheets/sheet1.xml", compressed, crc, size)


def _append_raw(data: bytes, name: str, compressed: bytes, crc: int, size: int) -> bytes:
    """Add a part already deflated to a zip's bytes (local header, data, directory entry)."""
    end = data.rfind(b"PK\x05\x06")
    entries, directory_size, directory_offset = struct.unpack("<HII", data[end + 10 : end + 20])
    directory = data[directory_offset : directory_offset + directory_size]
    body = data[:directory_offset]
    encoded = name.encode()
    big = 0xFFFFFFFF
    local = (
        struct.pack(
            "<IHHHHHIIIHH",
            0x04034B50,
            20,
            0,
            8,
            0,
            0,
            crc,
            len(compressed) & big,
            size & big,
            len(encoded),
            0,
        )
        + encoded
    )
    offset = len(body)
    central = (
        struct.pack(
            "<IHHHHHHIIIHHHHHII",
            0x02014B50,
            20,
            20,
            0,
            8,
            0,
            0,
            crc,
            len(compressed) & big,
            size & big,
            len(encoded),
            0,
            0,
            0,
            0,
            0,
            offset,
        )
        + encoded
    )
    body += local + compressed
    new_directory = directory + central
    eocd = struct.pack(
        "<IHHHHIIH", 0x06054B50, 0, 0, entries + 1, entries + 1, len(new_directory), len(body), 0
    )
    return body + new_directory + eocd
