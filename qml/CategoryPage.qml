import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Mall

// 分类: top-level categories on the left, their children on the right.
Page {
    id: page
    objectName: "categoryPage"
    property int selectedId: 0
    background: Rectangle { color: Theme.background }
    header: PageHeader { title: qsTr("分类"); showBack: false }

    CategoryListModel {
        id: tops
        onLoaded: if (page.selectedId === 0 && count > 0) page.selectedId = get(0).id
    }
    CategoryListModel { id: children; parentId: page.selectedId }

    RowLayout {
        anchors.fill: parent
        spacing: 0
        ListView {
            id: topList
            objectName: "topCategoryList"
            // Room for two short English words a line ("Computers &
            // Office"), and a little more on a wide window.
            Layout.preferredWidth: Math.min(Math.max(104, page.width * 0.28), 160)
            Layout.fillHeight: true
            model: tops
            clip: true
            delegate: ItemDelegate {
                objectName: "topCategory_" + model.id
                width: ListView.view.width
                height: Math.max(52, implicitHeight)
                horizontalPadding: 8
                highlighted: model.id === page.selectedId
                background: Rectangle { color: highlighted ? "white" : Theme.background
                    Rectangle { width: 3; height: parent.height * 0.5; anchors.verticalCenter: parent.verticalCenter; color: Theme.brand; visible: parent.parent.highlighted }
                }
                contentItem: Label {
                    text: model.name
                    horizontalAlignment: Text.AlignHCenter
                    verticalAlignment: Text.AlignVCenter
                    color: highlighted ? Theme.brand : Theme.text
                    font.bold: highlighted
                    // Whole words on at most two lines; never a word cut in
                    // two, never a row running into the next.
                    wrapMode: Text.WordWrap
                    maximumLineCount: 2
                    elide: Text.ElideRight
                }
                onClicked: page.selectedId = model.id
            }
            StateView {
                anchors.fill: parent
                visible: tops.count === 0
                loading: tops.loading
                error: tops.error
                onRetry: tops.reload()
            }
        }
        GridView {
            id: childGrid
            objectName: "childCategoryGrid"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: children
            cellWidth: Math.floor(width / Math.max(3, Math.floor(width / 110)))
            cellHeight: 110
            header: ItemDelegate {
                width: childGrid.width
                height: 44
                text: qsTr("查看全部 ›")
                visible: page.selectedId > 0
                onClicked: Nav.open("GoodsListPage", { categoryId: page.selectedId })
            }
            delegate: ItemDelegate {
                objectName: "childCategory_" + model.id
                width: childGrid.cellWidth
                height: childGrid.cellHeight
                horizontalPadding: 4
                Accessible.name: model.name
                contentItem: ColumnLayout {
                    Image {
                        Layout.alignment: Qt.AlignHCenter
                        source: model.iconUrl || ""
                        sourceSize: Qt.size(56, 56)
                        asynchronous: true
                    }
                    Label {
                        Layout.fillWidth: true
                        horizontalAlignment: Text.AlignHCenter
                        text: model.name
                        font.pixelSize: 13
                        wrapMode: Text.WordWrap
                        maximumLineCount: 2
                        elide: Text.ElideRight
                    }
                }
                onClicked: Nav.open("GoodsListPage", { categoryId: model.id, pageTitle: model.name })
            }
            StateView {
                anchors.fill: parent
                visible: page.selectedId > 0 && children.count === 0
                loading: children.loading
                error: children.error
                onRetry: children.reload()
            }
        }
    }
}
