#!/usr/bin/env python3
"""Cuts one face of Noto Sans CJK down to the characters the app shows.

    subset_font.py characters --text-from qml resources/translations src \
        --out characters.txt
    subset_font.py cut --source NotoSansCJK-Regular.ttc --style Regular \
        --characters characters.txt --out MallSans-Regular.otf

The first step lists the characters to keep and rewrites its file only when
the list changes, so an edit to the app's text recuts the fonts (some 4 s
and 120 MB each) only when it brings a new character. The cut is
byte-for-byte the same for the same list.

Why: the collection is 20 MB a weight, and its glyphs are not in an order
that puts common characters together. The kernel maps the 64 KiB around
every page FreeType reads from it, so each distinct character laid out costs
up to 64 KiB of resident memory: about 10 MiB for the home page. The cut is
about 1 MB a weight, so all of it costs less than that.

What it keeps:
- Latin, Latin-1, general punctuation, currency and letter-like symbols,
  arrows, enclosed numbers, shapes, CJK symbols and punctuation, full-width
  forms;
- the 3755 hanzi of GB 2312 level 1, the common ones, which cover almost all
  of everyday Chinese text;
- every character in the files under --text-from (the app's QML, its
  translations and its C++ sources, the embedded backend's catalog among
  them), so its own words never need another font.
Anything else is drawn by the whole Noto Sans CJK SC (the app registers it as
the substitute), in the same design.

The face is the collection's Simplified Chinese one, renamed (--family) so
that it never stands in for the system's Noto Sans CJK SC. Shaping features
are fontTools' defaults, without 'locl' (it would pull in the Japanese,
Korean and Traditional forms of every character, doubling the size, for
text Qt never tags with those languages) and the vertical ones (Qt lays
text out horizontally). The outlines and their hints are kept as they are,
so text renders as with the whole face.

The fonts are under the SIL Open Font License 1.1, which allows modified
versions under the same license and another name; the license text stays in
the name table.
"""
import argparse
import sys
from pathlib import Path

try:
    from fontTools import subset
    from fontTools.ttLib import TTFont
except ImportError:
    sys.exit("subset_font.py: needs fontTools (Debian: python3-fonttools)")

# Index of "Noto Sans CJK SC" in Debian's NotoSansCJK-*.ttc; checked below.
SIMPLIFIED_CHINESE_FACE = 2
SOURCE_FAMILY = "Noto Sans CJK SC"

BLOCKS = [
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x00FF),  # Latin-1 (¥, ·, ×)
    (0x2000, 0x206F),  # general punctuation (…, —, ‘’ “”)
    (0x20A0, 0x20CF),  # currency
    (0x2100, 0x214F),  # letter-like symbols (℃, №)
    (0x2190, 0x21FF),  # arrows
    (0x2460, 0x24FF),  # enclosed numbers
    (0x25A0, 0x25FF),  # shapes
    (0x3000, 0x303F),  # CJK symbols and punctuation
    (0xFF00, 0xFFEF),  # full-width forms
]
TEXT_SUFFIXES = {".qml", ".ts", ".cpp", ".h", ".js"}
DROPPED_FEATURES = {"locl", "vert", "vrt2", "vkrn", "vpal", "valt"}


def gb2312_level1():
    """The 3755 common hanzi: GB 2312 rows 16 to 55."""
    chars = []
    for row in range(0xB0, 0xD8):
        for cell in range(0xA1, 0xFF):
            try:
                chars.append(ord(bytes([row, cell]).decode("gb2312")))
            except UnicodeDecodeError:
                pass  # the five unused cells at the end of row 55
    return chars


def characters_in(paths):
    found = set()
    for root in paths:
        root = Path(root)
        files = [root] if root.is_file() else sorted(root.rglob("*"))
        for path in files:
            if path.is_file() and path.suffix in TEXT_SUFFIXES:
                found.update(ord(c) for c in path.read_text(encoding="utf-8") if ord(c) > 0x7F)
    return found


def rename(font, family, style):
    postscript = family.replace(" ", "") + "-" + style
    names = font["name"]
    for record in list(names.names):
        value = {
            1: family,
            3: postscript,
            4: family + " " + style,
            6: postscript,
            16: family,
        }.get(record.nameID)
        if value is not None:
            names.setName(value, record.nameID, record.platformID, record.platEncID, record.langID)
    cff = font["CFF "].cff
    cff.fontNames = [postscript]


def wanted_characters(text_from):
    wanted = set(gb2312_level1()) | characters_in(text_from)
    for first, last in BLOCKS:
        wanted.update(range(first, last + 1))
    return sorted(wanted)


def write_if_changed(path, text):
    path = Path(path)
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    write_aside_and_move(path, lambda partial: partial.write_text(text, encoding="utf-8"))
    return True


def write_aside_and_move(path, write):
    """Written aside and moved in, so an interrupted build leaves no half
    file that looks up to date."""
    partial = path.with_name(path.name + ".part")
    write(partial)
    partial.replace(path)


def list_characters(args):
    text = "".join(chr(c) for c in wanted_characters(args.text_from)) + "\n"
    changed = write_if_changed(args.out, text)
    print(f"subset_font.py: {len(text) - 1} characters, "
          f"{'changed' if changed else 'unchanged'}")


def cut(args):
    # The source's own timestamp in the cut, so the same list gives the
    # same bytes.
    font = TTFont(args.source, fontNumber=SIMPLIFIED_CHINESE_FACE, recalcTimestamp=False)
    if font["name"].getDebugName(1) != SOURCE_FAMILY:
        sys.exit(f"subset_font.py: face {SIMPLIFIED_CHINESE_FACE} of {args.source} is "
                 f"{font['name'].getDebugName(1)!r}, not {SOURCE_FAMILY!r}")
    characters = Path(args.characters).read_text(encoding="utf-8").rstrip("\n")

    options = subset.Options()
    options.layout_features = [f for f in options.layout_features if f not in DROPPED_FEATURES]
    options.notdef_outline = True
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(c) for c in characters])
    subsetter.subset(font)
    rename(font, args.family, args.style)

    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    write_aside_and_move(out, lambda partial: font.save(str(partial)))
    print(f"subset_font.py: {out.name}: {font['maxp'].numGlyphs} glyphs, "
          f"{out.stat().st_size // 1024} KiB")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    steps = parser.add_subparsers(dest="step", required=True)
    listing = steps.add_parser("characters", help="list the characters to keep")
    listing.add_argument("--text-from", nargs="*", default=[], help="files or folders")
    listing.add_argument("--out", required=True)
    listing.set_defaults(run=list_characters)
    cutting = steps.add_parser("cut", help="cut one weight down to a list")
    cutting.add_argument("--source", required=True, help="NotoSansCJK-<Weight>.ttc")
    cutting.add_argument("--style", required=True, help="Regular or Bold")
    cutting.add_argument("--family", default="Mall Sans")
    cutting.add_argument("--characters", required=True, help="the list step's file")
    cutting.add_argument("--out", required=True)
    cutting.set_defaults(run=cut)
    args = parser.parse_args()
    args.run(args)


if __name__ == "__main__":
    main()
