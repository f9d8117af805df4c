import QtQuick
import QtQuick.Templates as T

// The press feedback of the many small delegates of the home page and the
// goods grids (shortcuts, tabs, cards, banners, the search box): a tint
// while one is held, lighter while it is hovered or has the keyboard
// focus. Material's ripple would draw a circle as wide as each delegate's
// diagonal, and the software renderer (offscreen, xvfb, machines without a
// GPU) paints every such circle into a pixmap as the page is built, pressed
// or not: 0.5 MiB at start for the home page's shortcuts and tabs.
Rectangle {
    required property T.AbstractButton control
    anchors.fill: parent
    color: Theme.pressTint
    opacity: control.down ? 1 : control.hovered || control.visualFocus ? 0.5 : 0
    Behavior on opacity {
        NumberAnimation { duration: 100 }
    }
}
