pragma Singleton
import QtQuick

// Colours, sizes and fonts the views share.
QtObject {
    readonly property color brand: "#ff5000"
    readonly property color brandLight: "#fff1e8"
    // The brand on the toast's dark bar: 5:1 where the translucent bar is
    // lightest (over white); the brand itself would be 3.2:1 there.
    readonly property color brandOnDark: "#ff9a62"
    readonly property color price: "#ff3b30"
    // The platform's (WeChat's) green, darkened in the same hue: its own
    // #07c160 gives white text 2.4:1, this 4.6:1 (WCAG AA).
    readonly property color platformGreen: "#05874a"
    readonly property color background: "#f4f4f6"
    readonly property color card: "#ffffff"
    readonly property color text: "#1f1f1f"
    readonly property color secondaryText: "#8a8a8a"
    readonly property color divider: "#ececec"
    // A veil of 12% black over whatever is held (PressTint).
    readonly property color pressTint: "#1f000000"
    readonly property int radius: 10
    readonly property int spacing: 12
    readonly property int pagePadding: 12
    // Between a card's edge and the picture inside it.
    readonly property int cardInset: 6
    // Home banners keep their pictures' shape (960 x 400, drawn by the
    // server) and are no taller than this on a wide window.
    readonly property real bannerAspect: 960 / 400
    readonly property int bannerMaxHeight: 300
    // The application's default font, set before any QML loads (Mall Sans,
    // the app's cut of Noto Sans CJK SC: AppFont). Given to the window as
    // well: a style may give its controls a family of its own (Material
    // does when Roboto is installed).
    readonly property string fontFamily: Qt.application.font.family
}
