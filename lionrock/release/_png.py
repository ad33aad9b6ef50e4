"""A tiny PNG writer (stdlib zlib/struct), for the ZIM's 48×48 illustration.

PNG specification (ISO/IEC 15948) §5.3 (chunks), §11.2.2 (IHDR), §9 (filtering).
"""

from __future__ import annotations

import struct
import zlib

Pixel = tuple[int, int, int]
NAVY: Pixel = (0x1F, 0x3B, 0x57)
SAND: Pixel = (0xE8, 0xD9, 0xB0)
RED: Pixel = (0xC8, 0x10, 0x2E)


def _chunk(kind: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


def encode_png(rows: list[list[Pixel]]) -> bytes:
    """An 8-bit RGB PNG of `rows` (all the same width), filter type 0 on every line.

    Example: `encode_png([[(255, 0, 0)]])` is a one-pixel red PNG.
    """
    height, width = len(rows), len(rows[0])
    raw = b"".join(b"\x00" + bytes(c for px in row for c in px) for row in rows)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(raw, 9))
        + _chunk(b"IEND", b"")
    )


def _ridge(x: float) -> float:
    """Height (0..1) of a crouching lion's profile, the shape of Lion Rock's ridge."""
    if x < 0.30:  # the head, rising steeply from the left
        return 0.30 + x * 1.5
    if x < 0.42:  # the crown
        return 0.75
    return max(0.15, 0.75 - (x - 0.42) * 0.95)  # the long back, sloping down


def illustration(size: int = 48) -> bytes:
    """The ZIM illustration: the ridge of Lion Rock in sand on navy, a red sun.

    Example: `illustration()[:8] == b"\\x89PNG\\r\\n\\x1a\\n"`.
    """
    rows: list[list[Pixel]] = []
    for y in range(size):
        row: list[Pixel] = []
        for x in range(size):
            fx, fy = (x + 0.5) / size, 1 - (y + 0.5) / size
            if fy < _ridge(fx) * 0.8:
                row.append(SAND)
            elif (fx - 0.78) ** 2 + (fy - 0.78) ** 2 < 0.012:
                row.append(RED)
            else:
                row.append(NAVY)
        rows.append(row)
    return encode_png(rows)
