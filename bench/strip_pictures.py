"""Draw the pictures of the worksheet's scoring strip used in print
(``macros/outputs/pdf/print/bande-*.png``): five boxes 0 to 4, one of them
marked (black, bold white digit, a frame around it), or none.

    .venv/bin/python bench/strip_pictures.py

Greyscale PNG with transparency (the cell's writing line shows through), at about 430 dpi for the strip's printed size (9 × 2 em at
10 pt): WeasyPrint embeds each picture once and draws it by reference, where
an SVG was drawn again, text included, at every use.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "macros" / "outputs" / "pdf" / "print"
FONTS = ROOT / "overrides" / "assets" / "fonts"
S = 3  # pixels per unit; 20 units = 1 em
BOX, GAP, PAD = 30, 5, 5  # one box, the space between two, the margin for the frame


def strip(marked: int | None) -> Image.Image:
    image = Image.new("LA", ((5 * BOX + 4 * GAP + 2 * PAD) * S, (BOX + 2 * PAD) * S), (255, 0))  # transparent
    draw = ImageDraw.Draw(image)
    regular = ImageFont.truetype(str(FONTS / "atkinson-hyperlegible-latin-400-normal.woff2"), 20 * S)
    bold = ImageFont.truetype(str(FONTS / "atkinson-hyperlegible-latin-700-normal.woff2"), 20 * S)
    for k in range(5):
        x, y = (PAD + k * (BOX + GAP)) * S, PAD * S
        middle = (x + BOX * S / 2, y + 22 * S)
        if k == marked:
            draw.rectangle(
                [x - 4.5 * S, y - 4.5 * S, x + (BOX + 4.5) * S - 1, y + (BOX + 4.5) * S - 1],
                outline=(0, 255),
                width=int(3 * S),
            )
            draw.rectangle([x, y, x + BOX * S - 1, y + BOX * S - 1], fill=(0, 255))
            draw.text(middle, str(k), font=bold, fill=(255, 255), anchor="ms")
        else:
            draw.rectangle([x, y, x + BOX * S - 1, y + BOX * S - 1], outline=(0, 255), width=int(1.5 * S))
            draw.text(middle, str(k), font=regular, fill=(0, 255), anchor="ms")
    return image


def main() -> None:
    for marked in (None, 0, 1, 2, 3, 4):
        name = "bande-vide.png" if marked is None else f"bande-{marked}.png"
        strip(marked).save(OUT / name, optimize=True)
        print(OUT / name)


if __name__ == "__main__":
    main()
