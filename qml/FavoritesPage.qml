import QtQuick
import QtQuick.Controls
import Mall

// 我的收藏
Page {
    objectName: "favoritesPage"
    background: Rectangle { color: Theme.background }
    header: PageHeader { title: qsTr("我的收藏"); onBack: Nav.back() }
    FavoritesModel { id: favorites }
    Connections { target: App; function onFavoritesChanged() { favorites.reload() } }
    GoodsGrid { anchors.fill: parent; anchors.topMargin: 8; goods: favorites }
}
