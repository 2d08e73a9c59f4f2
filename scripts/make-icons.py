#!/usr/bin/env python3
"""Draws the app icons in public/icons/ from the design of public/favicon.svg
(a teal circle, its right half cream, an orange centre), so installed Attune
looks like the tab. Needs Pillow (`pip install pillow`). The PNGs are
committed; run this again only when the design changes:

    python3 scripts/make-icons.py
"""
from pathlib import Path

from PIL import Image, ImageDraw

TEAL = "#2f7a78"
CREAM = "#f7f3ee"
ORANGE = "#c26a3a"
# Drawn this many times larger, then scaled down: smooth edges.
SUPERSAMPLE = 4
OUT = Path(__file__).resolve().parent.parent / "public" / "icons"


def draw_mark(draw: ImageDraw.ImageDraw, centre: float, unit: float) -> None:
    """The favicon's shapes, in its 64-unit grid, scaled by `unit`."""

    def box(r: float) -> tuple[float, float, float, float]:
        return (centre - r * unit, centre - r * unit, centre + r * unit, centre + r * unit)

    draw.ellipse(box(30), fill=TEAL)
    # The right half of a circle of radius 26: from top, clockwise, to bottom.
    draw.pieslice(box(26), start=-90, end=90, fill=CREAM)
    draw.ellipse(box(9), fill=ORANGE)


def icon(size: int, maskable: bool) -> Image.Image:
    big = size * SUPERSAMPLE
    image = Image.new("RGBA", (big, big), TEAL if maskable else (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    if maskable:
        # Platforms crop a maskable icon to any shape that holds the central
        # circle of 80% of its width: the whole mark sits inside it.
        unit = big * 0.4 / 30
    else:
        unit = big / 64
    draw_mark(draw, big / 2, unit)
    # Four colours and their blended edges fit a palette: files a third the size.
    return image.resize((size, size), Image.LANCZOS).quantize(64, Image.Quantize.FASTOCTREE)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    icon(192, maskable=False).save(OUT / "icon-192.png", optimize=True)
    icon(512, maskable=False).save(OUT / "icon-512.png", optimize=True)
    icon(512, maskable=True).save(OUT / "icon-maskable-512.png", optimize=True)


if __name__ == "__main__":
    main()
