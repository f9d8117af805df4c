import QtQuick
import Mall

// The first frame: the shape of the home page in the app's colours (header
// with the search box, banner, category shortcuts, two cards, tab bar), with
// no text, no pictures and nothing from the backend, so it is on the screen
// as soon as a bare window would be. The real pages are built behind it.
Rectangle {
    id: sketch
    color: Theme.background

    readonly property color shade: "#e6e6ea"
    readonly property int contentWidth: Math.min(width, 1080)
    // The pages keep a readable width, centred, on a wide window: so does this.
    readonly property real inset: (width - contentWidth) / 2

    Rectangle {
        id: header
        width: parent.width
        height: 52
        color: Theme.brand
        Rectangle {
            x: sketch.inset + 10
            y: 10
            width: 32
            height: 32
            radius: 8
            color: "white"
            opacity: 0.9
        }
        Rectangle {
            x: sketch.inset + 48
            y: 8
            width: sketch.contentWidth - 58
            height: 36
            radius: 18
            color: "white"
        }
    }

    Column {
        x: sketch.inset + 8
        y: header.height + 8
        width: sketch.contentWidth - 16
        spacing: Theme.spacing

        Rectangle {
            width: parent.width
            height: Math.min(200, sketch.contentWidth * 0.42)
            radius: Theme.radius
            color: Theme.brandLight
        }
        Row {
            width: parent.width
            spacing: (width - 5 * 44) / 4
            Repeater {
                model: 5
                Rectangle {
                    width: 44
                    height: 44
                    radius: Theme.radius
                    color: sketch.shade
                }
            }
        }
        Row {
            width: parent.width
            spacing: 8
            Repeater {
                model: 2
                Rectangle {
                    width: (parent.width - 8) / 2
                    height: width + 88
                    radius: Theme.radius
                    color: Theme.card
                    Rectangle {
                        width: parent.width
                        height: parent.width
                        radius: Theme.radius
                        color: sketch.shade
                    }
                }
            }
        }
    }

    Rectangle {
        anchors.bottom: parent.bottom
        width: parent.width
        height: 70
        color: "white"
        Row {
            anchors.horizontalCenter: parent.horizontalCenter
            y: 14
            Repeater {
                model: 4
                Item {
                    width: sketch.contentWidth / 4
                    height: 40
                    Rectangle {
                        anchors.horizontalCenter: parent.horizontalCenter
                        width: 24
                        height: 24
                        radius: 12
                        color: index === 0 ? Theme.brand : sketch.shade
                    }
                    Rectangle {
                        anchors.horizontalCenter: parent.horizontalCenter
                        anchors.bottom: parent.bottom
                        width: 28
                        height: 8
                        radius: 4
                        color: sketch.shade
                    }
                }
            }
        }
    }
}
