import QtQuick
import QtQuick.Window

// A picture from the server, decoded at the size it is shown on this
// screen rather than at the size it was drawn: a 960 px banner shown 400 px
// wide holds 0.3 MB of pixels instead of 1.5 MB. The size is rounded up to
// a step of 128 px, so resizing a window a little does not fetch every
// picture again, and nothing is asked before the item has a size, so no
// picture is decoded twice.
Image {
    id: picture
    property url url

    readonly property int step: 128
    function decodeSize(points) {
        return Math.ceil(points * Screen.devicePixelRatio / step) * step
    }

    source: width > 0 && height > 0 ? url : ""
    sourceSize.width: decodeSize(width)
    sourceSize.height: decodeSize(height)
    fillMode: Image.PreserveAspectCrop
    asynchronous: true
}
