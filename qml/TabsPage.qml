import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Mall

// The four tabs: home, categories, cart, me.
Page {
    id: tabs
    objectName: "tabsPage"
    property alias currentIndex: tabBar.currentIndex

    StackLayout {
        anchors.fill: parent
        currentIndex: tabBar.currentIndex
        HomePage {}
        CategoryPage {}
        CartPage { onGoShopping: tabBar.currentIndex = 0 }
        MePage {}
    }

    footer: TabBar {
        id: tabBar
        objectName: "tabBar"
        background: Rectangle { color: "white"; Rectangle { width: parent.width; height: 1; color: Theme.divider } }
        Repeater {
            model: [
                { name: "home", text: qsTr("首页") },
                { name: "category", text: qsTr("分类") },
                { name: "cart", text: qsTr("购物车") },
                { name: "me", text: qsTr("我的") }
            ]
            TabButton {
                objectName: "tab_" + modelData.name
                text: modelData.text
                display: AbstractButton.TextUnderIcon
                icon.source: "qrc:/images/tab-" + modelData.name + (tabBar.currentIndex === index ? "-brand" : "-gray") + ".svg"
                icon.color: "transparent"
                icon.width: 24
                icon.height: 24
                font.pixelSize: 11
                Accessible.name: modelData.text
            }
        }
    }
}
