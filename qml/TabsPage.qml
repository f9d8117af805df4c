import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Mall

// The four tabs: home, categories, cart, me.
Page {
    id: tabs
    objectName: "tabsPage"
    property alias currentIndex: tabBar.currentIndex

    // Each tab is built the first time it is shown and then kept, so the
    // first frame costs one page, not four.
    component LazyTab: Loader {
        required property int tabIndex
        readonly property bool shown: tabBar.currentIndex === tabIndex
        active: false // set once, never bound: a bound one would unload the tab
        onShownChanged: if (shown) active = true
        Component.onCompleted: if (shown) active = true
    }

    StackLayout {
        anchors.fill: parent
        currentIndex: tabBar.currentIndex
        LazyTab { tabIndex: 0; sourceComponent: HomePage {} }
        LazyTab { tabIndex: 1; sourceComponent: CategoryPage {} }
        LazyTab { tabIndex: 2; sourceComponent: CartPage { onGoShopping: tabBar.currentIndex = 0 } }
        LazyTab { tabIndex: 3; sourceComponent: MePage {} }
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
                id: tab
                objectName: "tab_" + modelData.name
                text: modelData.text
                display: AbstractButton.TextUnderIcon
                icon.source: "qrc:/images/tab-" + modelData.name + (tabBar.currentIndex === index ? "-brand" : "-gray") + ".svg"
                icon.color: "transparent"
                icon.width: 24
                icon.height: 24
                font.pixelSize: 11
                background: PressTint { control: tab }
                Accessible.name: modelData.text
            }
        }
    }
}
