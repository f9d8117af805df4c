import QtQuick
import QtQuick.Controls
import Mall

// 我的足迹: goods viewed, newest first (guests too).
Page {
    objectName: "footprintsPage"
    background: Rectangle { color: Theme.background }
    header: PageHeader { title: qsTr("我的足迹"); onBack: Nav.back() }
    FootprintListModel { id: footprints }
    GoodsGrid { anchors.fill: parent; anchors.topMargin: 8; goods: footprints }
}
