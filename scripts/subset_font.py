#!/usr/bin/env python3
"""Cuts one face of Noto Sans CJK down to the characters the app shows.

    subset_font.py characters --text-from qml resources/translations src \
        --out characters.txt
    subset_font.py cut --source NotoSansCJK-Regular.ttc --style Regular \
        --characters characters.txt --out MallSans-Regular.otf

The first step lists the characters to keep, in the order the cut stores
them, and rewrites its file only when the list changes, so an edit to the
app's text recuts the fonts (some 5 s and 120 MB each) only when it brings a
new character or moves one. The cut is byte-for-byte the same for the same
list.

Why: the collection is 20 MB a weight, and its glyphs are not in an order
that puts common characters together. The kernel maps the 64 KiB around
every page FreeType reads from a font file (the pages around a fault that
are in the page cache), so each distinct character laid out costs up to
64 KiB of resident memory: about 10 MiB for the home page. The cut is about
1 MB a weight; in glyph order as the collection has it, the home page's
characters are spread over all of it, and the whole file became resident.
So the cut stores its glyphs in the order of the list, which puts the app's
own text first, and each glyph's outline whole (no subroutines, which the
collection shares between glyphs all over the file): what the pages show
lies in the first few hundred KiB. The file is the same size either way.

What it keeps:
- Latin, Latin-1, general punctuation, currency and letter-like symbols,
  arrows, enclosed numbers, shapes, CJK symbols and punctuation, full-width
  forms;
- the 3755 hanzi of GB 2312 level 1, the common ones, which cover almost all
  of everyday Chinese text;
- every character in the files under --text-from (the app's QML, its
  translations and its C++ sources, the embedded backend's catalog among
  them), so its own words never need another font.
The list, and so the cut, starts with ASCII, then the characters of
--text-from in the order they first appear there (the app's views before
its C++, as CMake passes them), then everything else by code point.
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
import logging
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

ASCII = (0x0020, 0x007E)
BLOCKS = [
    ASCII,
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
    """The non-ASCII characters of the files, in the order they first
    appear."""
    found = {}
    for root in paths:
        root = Path(root)
        files = [root] if root.is_file() else sorted(root.rglob("*"))
        for path in files:
            if path.is_file() and path.suffix in TEXT_SUFFIXES:
                text = path.read_text(encoding="utf-8")
                found.update(dict.fromkeys(ord(c) for c in text if ord(c) > 0x7F))
    return list(found)


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
    """What the cut keeps, in the order it stores them."""
    rest = set(gb2312_level1())
    for first, last in BLOCKS:
        rest.update(range(first, last + 1))
    ordered = dict.fromkeys(range(ASCII[0], ASCII[1] + 1))
    ordered.update(dict.fromkeys(characters_in(text_from)))
    ordered.update(dict.fromkeys(sorted(rest)))
    return list(ordered)


def store_in_order(font, characters):
    """Renumbers the glyphs so that they are stored in the order of
    `characters`; glyphs no character maps to (the forms the shaping
    features substitute) go last, in their old order. The outlines, widths
    and features stay the same, only the glyph ids change."""
    old_order = font.getGlyphOrder()
    # Every table read under the old ids before they change; they are
    # written back under the new ones.
    for tag in font.keys():
        if tag != "GlyphOrder":
            font[tag]
    top = font["CFF "].cff.topDictIndex[0]
    charstrings = top.CharStrings
    for name in old_order:
        charstrings[name]  # read with its own font dict's private values
    rank = {}
    cmap = font.getBestCmap()
    for position, character in enumerate(characters):
        name = cmap.get(ord(character))
        if name is not None:
            rank.setdefault(name, position)
    unmapped = len(characters)
    new_order = [".notdef"] + sorted(
        (name for name in old_order if name != ".notdef"),
        key=lambda name: rank.get(name, unmapped))  # stable: the rest keep their order
    # A CID-keyed face says per glyph which font dict it uses.
    if top.charset != old_order:
        sys.exit("subset_font.py: the CFF charset is not the glyph order")
    font_dict = dict(zip(top.charset, top.FDSelect.gidArray))
    font.setGlyphOrder(new_order)
    top.charset = new_order
    top.FDSelect.gidArray = [font_dict[name] for name in new_order]
    sort_layout_by_glyph_id(font)


def sort_layout_by_glyph_id(font):
    """Shapers binary-search the layout tables' glyph lists, so these must be
    in glyph id order again. fontTools sorts the ones it holds as mappings
    (substitutions, class definitions) when it writes them; the coverage
    lists, and the arrays that run parallel to them, are sorted here. A kind
    of lookup not handled stops the cut rather than leave a font whose
    features silently fail."""
    if "GDEF" in font:
        sys.exit("subset_font.py: cannot renumber the glyphs of a face with GDEF")
    glyph_id = font.getReverseGlyphMap()

    def by_id(glyphs):
        return sorted(glyphs, key=glyph_id.__getitem__)

    for tag in ("GSUB", "GPOS"):
        if tag not in font:
            continue
        for lookup in font[tag].table.LookupList.Lookup:
            for subtable in lookup.SubTable:
                subtable = getattr(subtable, "ExtSubTable", subtable)
                kind = type(subtable).__name__
                form = getattr(subtable, "Format", None)
                if kind in ("SingleSubst", "MultipleSubst", "AlternateSubst", "LigatureSubst"):
                    continue
                if kind == "PairPos" and form == 1:
                    pairs = sorted(zip(subtable.Coverage.glyphs, subtable.PairSet),
                                   key=lambda pair: glyph_id[pair[0]])
                    subtable.Coverage.glyphs = [first for first, _ in pairs]
                    subtable.PairSet = [pair_set for _, pair_set in pairs]
                    for pair_set in subtable.PairSet:
                        pair_set.PairValueRecord.sort(
                            key=lambda record: glyph_id[record.SecondGlyph])
                elif kind == "PairPos" and form == 2:
                    subtable.Coverage.glyphs = by_id(subtable.Coverage.glyphs)
                elif kind.startswith(("ChainContext", "Context")) and form == 3:
                    for name in ("Coverage", "BacktrackCoverage", "InputCoverage",
                                 "LookAheadCoverage"):
                        for coverage in getattr(subtable, name, None) or []:
                            coverage.glyphs = by_id(coverage.glyphs)
                else:
                    sys.exit(f"subset_font.py: cannot renumber the glyphs of a {tag} "
                             f"{kind} format {form} lookup")


class FailOnUnsortedCoverage(logging.Handler):
    """Fails on fontTools' unsorted-coverage warning; says any other
    warning, as Python would without a handler."""

    def emit(self, record):
        if "not sorted" in record.getMessage():
            sys.exit(f"subset_font.py: {record.getMessage()}")
        print(f"subset_font.py: fontTools: {record.getMessage()}", file=sys.stderr)


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
    try:
        write(partial)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
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
    options.desubroutinize = True
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(c) for c in characters])
    subsetter.subset(font)
    store_in_order(font, characters)
    rename(font, args.family, args.style)

    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    # fontTools only warns when it writes a coverage list out of glyph id
    # order; here that would be a font whose kerning may silently fail.
    logging.getLogger("fontTools.ttLib.tables.otTables").addHandler(FailOnUnsortedCoverage())
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
