import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// A page's top bar: back, title, and optional tools on the right.
ToolBar {
    id: header
    property string title
    property bool showBack: true
    default property alias tools: toolRow.data
    signal back()
    // A steady height, with or without the back button.
    implicitHeight: 52
    background: Rectangle { color: "white"; Rectangle { anchors.bottom: parent.bottom; width: parent.width; height: 1; color: Theme.divider } }
    RowLayout {
        anchors.fill: parent
        ToolButton {
            objectName: "backButton"
            visible: header.showBack
            icon.source: "qrc:/images/back.svg"
            Accessible.name: qsTr("返回")
            onClicked: header.back()
        }
        Label {
            Layout.fillWidth: true
            Layout.leftMargin: header.showBack ? 0 : 16
            text: header.title
            font.pixelSize: 17
            font.bold: true
            elide: Text.ElideRight
        }
        Row { id: toolRow }
    }
}
