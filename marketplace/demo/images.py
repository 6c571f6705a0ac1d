"""Placeholder photos drawn with Pillow: a colour per product set, a motif and the title (products and news)."""

import io
import math
from collections.abc import Callable
from functools import cache

from PIL import Image, ImageDraw, ImageFont

Colour = tuple[int, int, int]
Box = tuple[int, int, int, int]

SIZE = 800
FONT_FILES = ("DejaVuSans-Bold.ttf", "DejaVuSans.ttf")
FONT_DIRS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/local/share/fonts")

# Background colour of each product set (by its number in Decision 26/2026/QĐ-TTg).
SET_COLOURS: dict[int, Colour] = {
    1: (214, 118, 28),  # fresh fruit: orange
    3: (160, 124, 48),  # rice: straw
    4: (196, 140, 20),  # honey: amber
    6: (63, 120, 64),  # rice-based cakes and noodles: banana leaf
    7: (186, 86, 40),  # processed fruit and nuts: terracotta
    8: (170, 52, 58),  # nem, giò, chả, dried seafood: cured red
    9: (120, 70, 40),  # fish sauce and shrimp paste: brown
    10: (140, 62, 30),  # spices: cinnamon
    11: (46, 110, 70),  # tea: tea green
    12: (92, 122, 52),  # herbal teas: olive
    14: (58, 80, 128),  # rice spirits: indigo
    15: (112, 44, 86),  # other alcoholic drinks: purple rice
    19: (168, 96, 128),  # herbal cosmetics: rose
    20: (52, 112, 104),  # essential oils and herbs: teal
    21: (150, 110, 60),  # sedge and bamboo crafts: rattan
    22: (150, 40, 60),  # textiles: brocade red
    26: (40, 100, 130),  # community tourism: mountain blue
}
DEFAULT_COLOUR: Colour = (90, 90, 90)


def _mix(colour: Colour, other: Colour, amount: float) -> Colour:
    r, g, b = (round(c + (o - c) * amount) for c, o in zip(colour, other, strict=True))
    return (r, g, b)


def _lighter(colour: Colour, amount: float = 0.45) -> Colour:
    return _mix(colour, (255, 255, 255), amount)


def _darker(colour: Colour, amount: float = 0.35) -> Colour:
    return _mix(colour, (0, 0, 0), amount)


@cache
def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """DejaVu Sans (it covers Vietnamese diacritics) if installed, else Pillow's own font."""
    for name in FONT_FILES:
        for candidate in (name, *(f"{folder}/{name}" for folder in FONT_DIRS)):
            try:
                return ImageFont.truetype(candidate, size)
            except OSError:
                continue
    return ImageFont.load_default(size=size)


def _ellipse_points(cx: float, cy: float, rx: float, ry: float, angle: float, steps: int = 36):
    cos_a, sin_a = math.cos(angle), math.sin(angle)
    points = []
    for i in range(steps):
        t = 2 * math.pi * i / steps
        x, y = rx * math.cos(t), ry * math.sin(t)
        points.append((cx + x * cos_a - y * sin_a, cy + x * sin_a + y * cos_a))
    return points


def _leaf_points(cx: float, cy: float, length: float, width: float, angle: float):
    """A pointed leaf: an ellipse pinched at both tips."""
    cos_a, sin_a = math.cos(angle), math.sin(angle)
    points = []
    for i in range(48):
        t = 2 * math.pi * i / 48
        x = length / 2 * math.cos(t)
        y = width / 2 * math.sin(t) * abs(math.sin(t)) ** 0.3
        points.append((cx + x * cos_a - y * sin_a, cy + x * sin_a + y * cos_a))
    return points


def _motif_parcel(draw: ImageDraw.ImageDraw, box: Box, colour: Colour) -> None:
    """A leaf-wrapped parcel tied with string (nem chua, bánh gai, giò)."""
    left, top, right, bottom = box
    cx, cy, half = (left + right) / 2, (top + bottom) / 2, (right - left) / 3
    square = [(cx, cy - half), (cx + half, cy), (cx, cy + half), (cx - half, cy)]
    draw.polygon(square, fill=_lighter(colour, 0.25), outline=_lighter(colour, 0.7), width=6)
    inner = [(cx, cy - half * 0.6), (cx + half * 0.6, cy), (cx, cy + half * 0.6), (cx - half * 0.6, cy)]
    draw.polygon(inner, outline=_lighter(colour, 0.5), width=3)
    string = _lighter(colour, 0.85)
    draw.line([(cx - half * 0.5, cy - half * 0.5), (cx + half * 0.5, cy + half * 0.5)], fill=string, width=7)
    draw.line([(cx + half * 0.5, cy - half * 0.5), (cx - half * 0.5, cy + half * 0.5)], fill=string, width=7)
    draw.ellipse((cx - 14, cy - 14, cx + 14, cy + 14), fill=string)


def _motif_bottle(draw: ImageDraw.ImageDraw, box: Box, colour: Colour) -> None:
    """A bottle with a label (fish sauce, rice spirit)."""
    left, top, right, bottom = box
    cx = (left + right) / 2
    body_w, body_top = (right - left) * 0.2, top + (bottom - top) * 0.38
    glass = _lighter(colour, 0.35)
    draw.rounded_rectangle((cx - body_w, body_top, cx + body_w, bottom - 10), radius=34, fill=glass)
    draw.polygon(
        [
            (cx - body_w, body_top + 30), (cx - 26, top + 70),
            (cx + 26, top + 70), (cx + body_w, body_top + 30),
        ],
        fill=glass,
    )
    draw.rectangle((cx - 26, top + 20, cx + 26, top + 74), fill=glass)
    draw.rectangle((cx - 32, top, cx + 32, top + 30), fill=_lighter(colour, 0.8))
    label_top = body_top + (bottom - body_top) * 0.3
    draw.rectangle((cx - body_w, label_top, cx + body_w, label_top + 70), fill=_lighter(colour, 0.85))


def _motif_grains(draw: ImageDraw.ImageDraw, box: Box, colour: Colour) -> None:
    """A bowl heaped with grains of rice."""
    left, top, right, bottom = box
    cx, rim = (left + right) / 2, top + (bottom - top) * 0.55
    radius = (right - left) * 0.32
    grain = _lighter(colour, 0.8)
    for row in range(5):
        count = 9 - row
        y = rim - 22 - row * 26
        for i in range(count):
            x = cx + (i - (count - 1) / 2) * 36
            tilt = 0.5 if (i + row) % 2 else -0.5
            draw.polygon(_ellipse_points(x, y, 17, 8, tilt), fill=grain)
    draw.chord((cx - radius, rim - radius, cx + radius, rim + radius), 0, 180, fill=_lighter(colour, 0.3))
    draw.line([(cx - radius, rim), (cx + radius, rim)], fill=_lighter(colour, 0.6), width=6)


def _motif_honeycomb(draw: ImageDraw.ImageDraw, box: Box, colour: Colour) -> None:
    """A patch of honeycomb."""
    left, top, right, bottom = box
    cx, cy, r = (left + right) / 2, (top + bottom) / 2, 52
    w, h = math.sqrt(3) * r, 1.5 * r
    for row in range(-2, 3):
        for col in range(-2, 3):
            if abs(row) + abs(col) > 3:
                continue
            x = cx + col * w + (w / 2 if row % 2 else 0)
            y = cy + row * h
            corners = (k * math.pi / 3 for k in range(6))
            hexagon = [(x + r * math.sin(a), y + r * math.cos(a)) for a in corners]
            fill = _lighter(colour, 0.55 if (row + col) % 3 else 0.3)
            draw.polygon(hexagon, fill=fill, outline=_darker(colour, 0.1), width=5)


def _motif_leaves(draw: ImageDraw.ImageDraw, box: Box, colour: Colour) -> None:
    """Three tea or herb leaves on a twig."""
    left, top, right, bottom = box
    cx, cy = (left + right) / 2, (top + bottom) / 2
    stem = _lighter(colour, 0.75)
    draw.line([(cx, bottom - 20), (cx, top + 60)], fill=stem, width=8)
    for dy, side, shade in ((-70, -1, 0.5), (10, 1, 0.35), (90, -1, 0.6)):
        angle = -0.6 if side < 0 else 0.6 + math.pi
        lx = cx + side * 95
        draw.polygon(_leaf_points(lx, cy + dy, 200, 86, angle), fill=_lighter(colour, shade))
        draw.line([(cx, cy + dy + 55), (lx - side * 70, cy + dy - 40)], fill=stem, width=3)
    draw.polygon(_leaf_points(cx, top + 50, 120, 50, math.pi / 2), fill=_lighter(colour, 0.7))


def _motif_weave(draw: ImageDraw.ImageDraw, box: Box, colour: Colour) -> None:
    """A basket weave of sedge or rattan strips."""
    left, top, right, bottom = box
    cx, cy, cells, cell = (left + right) / 2, (top + bottom) / 2, 6, 46
    start_x, start_y = cx - cells * cell / 2, cy - cells * cell / 2
    light, dark = _lighter(colour, 0.65), _lighter(colour, 0.3)
    for row in range(cells):
        for col in range(cells):
            x, y = start_x + col * cell, start_y + row * cell
            if (row + col) % 2:
                draw.rectangle((x + 4, y + 12, x + cell - 4, y + cell - 12), fill=light)
            else:
                draw.rectangle((x + 12, y + 4, x + cell - 12, y + cell - 4), fill=dark)
    draw.rounded_rectangle(
        (start_x - 14, start_y - 14, start_x + cells * cell + 14, start_y + cells * cell + 14),
        radius=18, outline=_lighter(colour, 0.8), width=6,
    )


def _motif_mountains(draw: ImageDraw.ImageDraw, box: Box, colour: Colour) -> None:
    """Mountains, the sun and terraced fields (Pù Luông)."""
    left, top, right, bottom = box
    draw.ellipse((right - 170, top + 10, right - 70, top + 110), fill=(246, 206, 96))
    far = [(left + 20, bottom - 60), (left + 220, top + 60), (left + 420, bottom - 60)]
    near = [(left + 220, bottom - 60), (left + 420, top + 120), (right - 20, bottom - 60)]
    draw.polygon(far, fill=_lighter(colour, 0.3))
    draw.polygon(near, fill=_lighter(colour, 0.5))
    for i in range(4):
        y = bottom - 50 + i * 14
        draw.arc((left - 40, y - 40, right + 40, y + 60), 200, 340, fill=(140, 190, 90), width=8)


def _motif_drop(draw: ImageDraw.ImageDraw, box: Box, colour: Colour) -> None:
    """A drop of essential oil with a leaf."""
    left, top, right, bottom = box
    cx, cy, r = (left + right) / 2, (top + bottom) / 2 + 40, 110
    drop = [(cx, cy - r * 2.1)]
    drop += [(cx + r * math.cos(t), cy + r * math.sin(t)) for t in map(math.radians, range(-30, 211, 10))]
    draw.polygon(drop, fill=_lighter(colour, 0.45))
    draw.ellipse((cx - 60, cy - 40, cx - 25, cy + 15), fill=_lighter(colour, 0.8))
    draw.polygon(_leaf_points(cx + 130, cy - 150, 140, 56, -0.8), fill=_lighter(colour, 0.65))


def _motif_fruit(draw: ImageDraw.ImageDraw, box: Box, colour: Colour) -> None:
    """A round citrus fruit with a leaf."""
    left, top, right, bottom = box
    cx, cy, r = (left + right) / 2, (top + bottom) / 2 + 20, 130
    draw.ellipse(
        (cx - r, cy - r, cx + r, cy + r), fill=_lighter(colour, 0.35), outline=_lighter(colour, 0.6), width=6,
    )
    draw.ellipse((cx - r * 0.55, cy - r * 0.6, cx - r * 0.25, cy - r * 0.3), fill=_lighter(colour, 0.7))
    draw.line([(cx, cy - r), (cx + 10, cy - r - 40)], fill=(90, 60, 30), width=8)
    draw.polygon(_leaf_points(cx + 75, cy - r - 40, 150, 60, -0.35), fill=(96, 150, 70))


def _motif_star_anise(draw: ImageDraw.ImageDraw, box: Box, colour: Colour) -> None:
    """Cinnamon sticks beside an eight-pointed spice star."""
    left, top, right, bottom = box
    cx, cy = (left + right) / 2, (top + bottom) / 2
    for i, dx in enumerate((-150, -105, -60)):
        draw.rounded_rectangle(
            (cx + dx, cy - 140 + i * 10, cx + dx + 34, cy + 140 - i * 10),
            radius=16, fill=_lighter(colour, 0.3 + i * 0.12),
        )
    sx, sy = cx + 110, cy
    points = []
    for k in range(16):
        radius = 120 if k % 2 == 0 else 42
        t = math.pi * k / 8
        points.append((sx + radius * math.cos(t), sy + radius * math.sin(t)))
    draw.polygon(points, fill=_lighter(colour, 0.5))
    draw.ellipse((sx - 18, sy - 18, sx + 18, sy + 18), fill=_lighter(colour, 0.8))


MOTIFS: dict[int, Callable[[ImageDraw.ImageDraw, Box, Colour], None]] = {
    1: _motif_fruit,
    3: _motif_grains,
    4: _motif_honeycomb,
    6: _motif_parcel,
    7: _motif_fruit,
    8: _motif_parcel,
    9: _motif_bottle,
    10: _motif_star_anise,
    11: _motif_leaves,
    12: _motif_leaves,
    14: _motif_bottle,
    15: _motif_bottle,
    19: _motif_drop,
    20: _motif_drop,
    21: _motif_weave,
    22: _motif_weave,
    26: _motif_mountains,
}


def _wrap(draw: ImageDraw.ImageDraw, text: str, font, max_width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and draw.textlength(candidate, font=font) <= max_width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines


def product_image_render(*, title: str, caption: str, set_number: int) -> bytes:
    """Draw an 800×800 JPEG for a product: its set's colour and motif, the title and a caption."""
    colour = SET_COLOURS.get(set_number, DEFAULT_COLOUR)
    image = Image.new("RGB", (SIZE, SIZE), colour)
    draw = ImageDraw.Draw(image)
    # A darker band at the bottom keeps the white title readable on any colour.
    band_top = 470
    draw.rectangle((0, band_top, SIZE, SIZE), fill=_darker(colour))
    MOTIFS.get(set_number, _motif_fruit)(draw, (160, 60, SIZE - 160, band_top - 30), colour)

    badge_font, badge = _font(26), "OCOP Thanh Hóa"
    badge_width = round(draw.textlength(badge, font=badge_font)) + 48
    draw.rounded_rectangle((30, 28, 30 + badge_width, 76), radius=24, fill=_darker(colour, 0.5))
    draw.text((30 + badge_width // 2, 52), badge, font=badge_font, fill=(255, 255, 255), anchor="mm")

    for size in (54, 48, 42, 36):
        title_font = _font(size)
        lines = _wrap(draw, title, title_font, SIZE - 90)
        if len(lines) <= 3:
            break
    y = band_top + 40
    for line in lines[:4]:
        draw.text((45, y), line, font=title_font, fill=(255, 255, 255))
        y += round(size * 1.25)
    caption_font = _font(28)
    draw.text((45, SIZE - 60), caption, font=caption_font, fill=_lighter(colour, 0.75))

    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85, optimize=True)
    return buffer.getvalue()


NEWS_SIZE = (1200, 675)


def news_image_render(*, title: str, caption: str, set_number: int) -> bytes:
    """Draw a 1200×675 JPEG for a news article: the set's colour and motif on the right, the title on the left."""
    width, height = NEWS_SIZE
    colour = SET_COLOURS.get(set_number, DEFAULT_COLOUR)
    image = Image.new("RGB", NEWS_SIZE, _darker(colour, 0.2))
    draw = ImageDraw.Draw(image)
    draw.rectangle((width - 500, 0, width, height), fill=colour)
    MOTIFS.get(set_number, _motif_fruit)(draw, (width - 480, 90, width - 20, height - 90), colour)

    badge_font, badge = _font(26), "Tin OCOP Thanh Hóa"
    badge_width = round(draw.textlength(badge, font=badge_font)) + 48
    draw.rounded_rectangle((40, 40, 40 + badge_width, 88), radius=24, fill=_darker(colour, 0.5))
    draw.text((40 + badge_width // 2, 64), badge, font=badge_font, fill=(255, 255, 255), anchor="mm")

    for size in (56, 50, 44, 38):
        title_font = _font(size)
        lines = _wrap(draw, title, title_font, width - 600)
        if len(lines) <= 5:
            break
    y = 140
    for line in lines[:6]:
        draw.text((40, y), line, font=title_font, fill=(255, 255, 255))
        y += round(size * 1.25)
    draw.text((40, height - 70), caption, font=_font(28), fill=_lighter(colour, 0.75))

    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85, optimize=True)
    return buffer.getvalue()


HERO_SIZE = (1600, 1000)


def home_hero_render() -> bytes:
    """Draw a 1600×1000 JPEG for the home page's hero: a dawn sky, mountains and terraced rice fields.

    No words on it (the page sets the title beside it); the stilt house on the right is the focal point.
    """
    width, height = HERO_SIZE
    image = Image.new("RGB", HERO_SIZE)
    draw = ImageDraw.Draw(image)
    dawn, noon = (250, 214, 150), (120, 178, 214)
    for y in range(height // 2):
        draw.line([(0, y), (width, y)], fill=_mix(noon, dawn, y / (height / 2)))
    draw.ellipse((1120, 150, 1300, 330), fill=(255, 236, 170))
    ridges = (
        ((70, 96, 120), 430, [(0, 430), (260, 250), (520, 400), (800, 220), (1100, 380), (1380, 240), (1600, 360)]),
        ((58, 110, 86), 520, [(0, 520), (300, 360), (640, 500), (960, 340), (1280, 480), (1600, 400)]),
    )
    for colour, base, points in ridges:
        draw.polygon([(0, height), *points, (width, base), (width, height)], fill=colour)
    # Terraces: bands of ripening rice curving down the hill, each lit a little differently.
    greens = ((122, 170, 70), (150, 186, 72), (196, 190, 78), (214, 176, 60))
    for band in range(16):
        top = 500 + band * 34
        colour = greens[band % len(greens)]
        draw.ellipse((-700 + band * 20, top, width + 500 - band * 10, top + 1000), fill=colour,
                     outline=_darker(colour, 0.25), width=3)
    # A stilt house of the Thái people (Pù Luông) on the right: the focal point.
    house = (1180, 600)
    hx, hy = house
    draw.polygon([(hx - 110, hy), (hx, hy - 90), (hx + 110, hy)], fill=(92, 60, 36))
    draw.rectangle((hx - 90, hy, hx + 90, hy + 70), fill=(150, 104, 60))
    for post in range(-80, 81, 40):
        draw.rectangle((hx + post - 5, hy + 70, hx + post + 5, hy + 130), fill=(92, 60, 36))
    draw.rectangle((hx - 20, hy + 15, hx + 20, hy + 55), fill=(60, 40, 24))

    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85, optimize=True)
    return buffer.getvalue()


HOME_HERO_FOCAL_POINT = (1180, 640, 300, 260)
"""(x, y, width, height) of the stilt house: what every crop of the hero keeps."""
