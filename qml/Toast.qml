import QtQuick
import QtQuick.Controls

// A short message at the bottom, gone after two seconds.
Popup {
    id: toast
    property alias text: label.text
    function show(message) {
        label.text = message
        open()
        timer.restart()
    }
    x: (parent.width - width) / 2
    y: parent.height - height - 96
    padding: 12
    closePolicy: Popup.NoAutoClose
    modal: false
    background: Rectangle {
        radius: 8
        color: "#dd222222"
    }
    contentItem: Label {
        id: label
        objectName: "toastText"
        color: "white"
        wrapMode: Text.Wrap
        horizontalAlignment: Text.AlignHCenter
        width: Math.min(implicitWidth, toast.parent ? toast.parent.width - 80 : 300)
    }
    Timer {
        id: timer
        interval: 2000
        onTriggered: toast.close()
    }
}
