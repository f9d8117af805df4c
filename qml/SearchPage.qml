import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Mall

// Search by name, with sorting.
Page {
    id: page
    objectName: "searchPage"
    background: Rectangle { color: Theme.background }
    header: ColumnLayout {
        spacing: 0
        ToolBar {
            Layout.fillWidth: true
            background: Rectangle { color: "white" }
            RowLayout {
                anchors.fill: parent
                ToolButton {
                    objectName: "backButton"
                    icon.source: "qrc:/images/back.svg"
                    Accessible.name: qsTr("返回")
                    onClicked: Nav.back()
                }
                TextField {
                    id: field
                    objectName: "searchField"
                    Layout.fillWidth: true
                    placeholderText: qsTr("搜索商品、品牌")
                    Accessible.name: qsTr("搜索关键词")
                    focus: true
                    onAccepted: goods.keyword = text
                    Component.onCompleted: forceActiveFocus()
                }
                Button {
                    objectName: "searchButton"
                    text: qsTr("搜索")
                    flat: true
                    onClicked: goods.keyword = field.text
                }
            }
        }
        SortBar { id: sortBar; Layout.fillWidth: true; visible: goods.keyword !== "" }
    }
    GoodsListModel {
        id: goods
        sort: sortBar.sort
    }
    GoodsGrid {
        objectName: "searchResults"
        anchors.fill: parent
        anchors.topMargin: 8
        goods: goods.keyword !== "" ? goods : null
    }
}
