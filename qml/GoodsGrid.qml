import QtQuick
import QtQuick.Controls
import Mall

// An endless grid of goods from a GoodsListModel (or any list of goods),
// with pull-to-refresh and loading / error / empty states.
GridView {
    id: grid
    property var goods
    property int columns: Math.max(2, Math.floor(width / 190))
    cellWidth: Math.floor((width - 8) / columns)
    cellHeight: cellWidth + 96
    leftMargin: 4
    rightMargin: 4
    clip: true
    model: goods
    // No current item: the view would scroll to it and hide its header.
    currentIndex: -1
    highlightFollowsCurrentItem: false
    boundsBehavior: Flickable.DragOverBounds
    delegate: Item {
        width: grid.cellWidth
        height: grid.cellHeight
        GoodsCard {
            anchors.fill: parent
            anchors.margins: 4
            goodsId: model.id
            name: model.name
            picUrl: model.picUrl
            priceText: model.priceText
            sales: model.sales
        }
    }
    onAtYEndChanged: if (atYEnd && goods && goods.hasMore) goods.loadMore()
    // Pull down past the top to refresh.
    onDragEnded: if (contentY < originY - 80 && goods) goods.reload()

    footer: Item {
        width: grid.width
        height: goods && (goods.loading || goods.error !== "" || goods.count === 0) ? 240 : 48
        StateView {
            anchors.fill: parent
            loading: goods ? goods.loading : false
            error: goods ? goods.error : ""
            needsLogin: goods ? goods.needsLogin : false
            empty: goods ? goods.count === 0 : true
            onRetry: goods.reload()
            authFrom: "list"
        }
        Label {
            anchors.centerIn: parent
            visible: goods && goods.count > 0 && !goods.hasMore && !goods.loading
            text: qsTr("— 没有更多了 —")
            color: Theme.secondaryText
            font.pixelSize: 12
        }
    }
}
