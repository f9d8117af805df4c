import QtQuick
import Mall

// The first frame: the shape of the home page in the app's colours (header
// with the search box, banner, category shortcuts, featured goods, tab bar), with
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

    // The same sizes as HomePage: the banner in its pictures' shape (at most
    // Theme.bannerMaxHeight tall, centred), two rows of five shortcuts, the
    // featured row.
    Column {
        x: sketch.inset + 8
        y: header.height + 4
        width: sketch.contentWidth - 16
        spacing: Theme.spacing

        Rectangle {
            readonly property real bannerWidth: Math.min(parent.width,
                                                          Theme.bannerMaxHeight * Theme.bannerAspect)
            x: (parent.width - bannerWidth) / 2
            width: bannerWidth
            height: Math.round(bannerWidth / Theme.bannerAspect)
            color: Theme.brandLight
        }
        Item { width: 1; height: 8 } // the page indicator
        Repeater {
            model: 2
            Row {
                width: parent.width
                Repeater {
                    model: 5
                    Item {
                        width: parent.width / 5
                        height: 66
                        Rectangle {
                            anchors.horizontalCenter: parent.horizontalCenter
                            width: 44
                            height: 44
                            radius: Theme.radius
                            color: sketch.shade
                        }
                        Rectangle {
                            anchors.horizontalCenter: parent.horizontalCenter
                            anchors.bottom: parent.bottom
                            width: 40
                            height: 10
                            radius: 5
                            color: sketch.shade
                        }
                    }
                }
            }
        }
        Rectangle { width: 72; height: 18; radius: 4; color: sketch.shade }
        Row {
            width: parent.width
            spacing: 8
            clip: true
            Repeater {
                model: Math.ceil(sketch.contentWidth / 158)
                Rectangle {
                    width: 150
                    height: 232
                    radius: Theme.radius
                    color: Theme.card
                    Rectangle {
                        x: Theme.cardInset
                        y: Theme.cardInset
                        width: parent.width - 2 * Theme.cardInset
                        height: width
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
