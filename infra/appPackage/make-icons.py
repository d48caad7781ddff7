#!/usr/bin/env python3
"""Generate the Teams app icons (standard library only).

color.png   192x192 full-color: white speech bubble with three dots on the accent color.
outline.png  32x32 transparent background, white outline of the same bubble (Teams requirement).

Run from anywhere: python3 infra/appPackage/make-icons.py
"""
import os
import struct
import zlib

ACCENT = (0x4F, 0x46, 0xE5)  # keep in sync with manifest.json accentColor
WHITE = (255, 255, 255)
HERE = os.path.dirname(os.path.abspath(__file__))


def in_bubble(x, y):
    """Speech bubble in unit coordinates: a rounded rectangle plus a tail at the bottom left."""
    left, top, right, bottom, r = 0.18, 0.22, 0.82, 0.66, 0.11
    cx = min(max(x, left + r), right - r)
    cy = min(max(y, top + r), bottom - r)
    if left <= x <= right and top <= y <= bottom and (x - cx) ** 2 + (y - cy) ** 2 <= r * r:
        return True
    # tail triangle (0.30,0.64) (0.48,0.64) (0.27,0.82)
    (ax, ay), (bx, by), (tx, ty) = (0.30, 0.64), (0.48, 0.64), (0.27, 0.82)
    d = (by - ty) * (ax - tx) + (tx - bx) * (ay - ty)
    u = ((by - ty) * (x - tx) + (tx - bx) * (y - ty)) / d
    v = ((ty - ay) * (x - tx) + (ax - tx) * (y - ty)) / d
    return u >= 0 and v >= 0 and u + v <= 1


def in_dot(x, y):
    return any((x - dx) ** 2 + (y - 0.44) ** 2 <= 0.048 ** 2 for dx in (0.35, 0.5, 0.65))


def mask(size, inside):
    return [[inside((i + 0.5) / size, (j + 0.5) / size) for i in range(size)] for j in range(size)]


def erode(m, k):
    """Square erosion by k pixels (separable min filter)."""
    n = len(m)
    rows = [[all(row[max(0, i - k):i + k + 1]) and k <= i < n - k for i in range(n)] for row in m]
    return [[all(rows[jj][i] for jj in range(max(0, j - k), min(n, j + k + 1))) and k <= j < n - k for i in range(n)] for j in range(n)]


def coverage(m, scale, size):
    """Fraction of covered sub-pixels per output pixel."""
    out = []
    for j in range(size):
        row = []
        for i in range(size):
            hits = sum(m[j * scale + b][i * scale + a] for b in range(scale) for a in range(scale))
            row.append(hits / (scale * scale))
        out.append(row)
    return out


def png(path, width, height, rows, alpha):
    color_type = 6 if alpha else 2
    raw = b"".join(b"\x00" + bytes(v for px in row for v in px) for row in rows)

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.write(chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, color_type, 0, 0, 0)))
        f.write(chunk(b"IDAT", zlib.compress(raw, 9)))
        f.write(chunk(b"IEND", b""))


def blend(a, b, t):
    return tuple(round(x * (1 - t) + y * t) for x, y in zip(a, b))


def color_icon():
    size, scale = 192, 3
    bubble = coverage(mask(size * scale, lambda x, y: in_bubble(x, y) and not in_dot(x, y)), scale, size)
    rows = [[blend(ACCENT, WHITE, bubble[j][i]) for i in range(size)] for j in range(size)]
    png(os.path.join(HERE, "color.png"), size, size, rows, alpha=False)


def outline_icon():
    size, scale, stroke = 32, 4, 2
    outer = mask(size * scale, in_bubble)
    inner = erode(outer, stroke * scale)
    dots = mask(size * scale, in_dot)
    ring = [[(o and not n) or d for o, n, d in zip(ro, rn, rd)] for ro, rn, rd in zip(outer, inner, dots)]
    cover = coverage(ring, scale, size)
    rows = [[WHITE + (round(255 * cover[j][i]),) for i in range(size)] for j in range(size)]
    png(os.path.join(HERE, "outline.png"), size, size, rows, alpha=True)


if __name__ == "__main__":
    color_icon()
    outline_icon()
