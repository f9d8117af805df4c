import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Mall

// The goods of one category, sortable.
Page {
    id: page
    objectName: "goodsListPage"
    property int categoryId: 0
    // Not "title": Page has a FINAL property of that name.
    property string pageTitle: qsTr("商品")
    background: Rectangle { color: Theme.background }
    header: ColumnLayout {
        spacing: 0
        PageHeader { Layout.fillWidth: true; title: page.pageTitle; onBack: Nav.back() }
        SortBar { id: sortBar; Layout.fillWidth: true }
    }
    GoodsListModel {
        id: goods
        categoryId: page.categoryId
        sort: sortBar.sort
    }
    GoodsGrid {
        anchors.fill: parent
        anchors.topMargin: 8
        goods: goods
    }
}
