import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// 综合 / 销量 / 价格 sort tabs for a goods list.
TabBar {
    id: bar
    property string sort: ""
    background: Rectangle { color: "white" }
    Repeater {
        model: [
            { key: "", text: qsTr("综合") },
            { key: "sales", text: qsTr("销量") },
            { key: "price_asc", text: qsTr("价格↑") },
            { key: "price_desc", text: qsTr("价格↓") }
        ]
        TabButton {
            objectName: "sort_" + (modelData.key || "default")
            text: modelData.text
            // A quarter of a phone each: Material's 12 px sides and capitals
            // would cut "Best match" short.
            horizontalPadding: 2
            font.capitalization: Font.MixedCase
            onClicked: bar.sort = modelData.key
        }
    }
}
