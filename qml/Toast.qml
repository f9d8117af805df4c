import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Mall

// A short message at the bottom, gone after two seconds; with an action
// (offer()), a button beside it and four seconds to reach it.
Popup {
    id: toast
    property alias text: label.text
    property string actionText: ""
    signal actionTriggered()

    function show(message) {
        offer(message, "")
    }
    function offer(message, action) {
        label.text = message
        actionText = action
        open()
        timer.restart()
    }

    x: (parent.width - width) / 2
    y: parent.height - height - 96
    padding: 12
    rightPadding: actionText ? 4 : 12
    closePolicy: Popup.NoAutoClose
    modal: false
    background: Rectangle {
        radius: 8
        color: "#dd222222"
    }
    contentItem: RowLayout {
        spacing: 8
        // A pointer on the bar holds it, so the action is not snatched away
        // on the way to it.
        HoverHandler {
            onHoveredChanged: hovered ? timer.stop() : timer.restart()
        }
        Label {
            id: label
            objectName: "toastText"
            color: "white"
            wrapMode: Text.Wrap
            horizontalAlignment: Text.AlignHCenter
            Layout.maximumWidth: toast.parent
                                 ? toast.parent.width - 80 - (actionButton.item ? actionButton.item.implicitWidth + 8 : 0)
                                 : 300
        }
        // Built only for an offer: most toasts are plain messages, and the
        // window keeps this popup from the start.
        Loader {
            id: actionButton
            active: toast.actionText !== ""
            visible: active
            sourceComponent: Button {
                objectName: "toastAction"
                text: toast.actionText
                flat: true
                topInset: 0
                bottomInset: 0
                padding: 8
                font.capitalization: Font.MixedCase
                font.bold: true
                Material.foreground: Theme.brandOnDark
                onClicked: {
                    toast.actionTriggered() // before closed(), which ends the offer
                    toast.close()
                }
            }
        }
    }
    Timer {
        id: timer
        interval: toast.actionText ? 4000 : 2000
        onTriggered: toast.close()
    }
}
