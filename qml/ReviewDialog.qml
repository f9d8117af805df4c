import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts

// Stars and a few words.
Dialog {
    id: dialog
    objectName: "reviewDialog"
    property int rating: 5
    property bool posting: false // set by the page while the review is on its way
    signal submitted(int rating, string text)
    modal: true
    title: qsTr("写评价")
    // Before the opening transition, not after it: what a quick user types
    // while the dialog grows in must stay.
    onAboutToShow: { rating = 5; reviewText.text = "" }
    ColumnLayout {
        width: parent.width
        Row {
            spacing: 4
            Repeater {
                model: 5
                ToolButton {
                    objectName: "star_" + (index + 1)
                    text: index < dialog.rating ? "★" : "☆"
                    font.pixelSize: 26
                    Material.foreground: "#ffb400"
                    Accessible.name: qsTr("%1 星").arg(index + 1)
                    onClicked: dialog.rating = index + 1
                }
            }
        }
        TextArea {
            id: reviewText
            objectName: "reviewText"
            Layout.fillWidth: true
            Layout.preferredHeight: 100
            placeholderText: qsTr("说说你的使用感受（1-500 字）")
            wrapMode: TextArea.Wrap
        }
    }
    footer: DialogButtonBox {
        Button {
            objectName: "submitReviewButton"
            text: qsTr("发布")
            highlighted: true
            enabled: !dialog.posting && reviewText.text.trim().length > 0
                     && reviewText.text.length <= 500
            // Not the accept role: that closes the dialog, and a review the
            // server refuses must still be there to send again.
            DialogButtonBox.buttonRole: DialogButtonBox.ActionRole
            onClicked: dialog.submitted(dialog.rating, reviewText.text.trim())
        }
        Button { text: qsTr("取消"); DialogButtonBox.buttonRole: DialogButtonBox.RejectRole }
    }
}
