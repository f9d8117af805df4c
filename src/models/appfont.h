#pragma once

#include <QString>

namespace mall::models {

// The app's typeface. The build cuts Noto Sans CJK SC down to the
// characters a Chinese shopping app shows and names the cut Mall Sans
// (scripts/subset_font.py): about 1 MB a weight against 20 MB, which saves
// some 10 MiB at start (docs/benchmarks.md), because the kernel maps 64 KiB
// of the whole face around every glyph read from it. Characters outside the cut
// are drawn by the whole Noto Sans CJK SC, the same design, registered as
// Mall Sans's substitute; without that, Qt would take Han characters from
// the collection's Japanese face.
class AppFont
{
public:
    static constexpr const char *kFamily = "Mall Sans";
    static constexpr const char *kFullFamily = "Noto Sans CJK SC";

    // Makes the app's family every text's default (labels inside views are
    // laid out once in the default font before they inherit the window's)
    // and returns it: Mall Sans when the build made it, else the whole
    // face. Reads no font file, so it can run before the first frame.
    static QString useAsDefault();

    // Registers Mall Sans's files with the font database, once per
    // process: some 5 ms of fontconfig work. Until then text in Mall Sans
    // is drawn by its substitute; AppShell calls it after the launch sketch,
    // which has no text, and before the pages are built.
    static void registerFaces();

    // bin/fonts next to the executable, where the build puts the cut.
    static QString directory();
    static QStringList files();
};

} // namespace mall::models
