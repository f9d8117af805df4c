import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// A goods in a grid: picture, name, price, sales.
ItemDelegate {
    id: card
    property int goodsId
    property string name
    property string picUrl
    property string priceText
    property int sales
    objectName: "goodsCard_" + goodsId
    padding: 0
    Accessible.name: name + " " + priceText
    background: Rectangle { color: Theme.card; radius: Theme.radius }
    contentItem: ColumnLayout {
        spacing: 6
        RemoteImage {
            Layout.fillWidth: true
            Layout.preferredHeight: width
            url: card.picUrl
            Rectangle {
                anchors.fill: parent
                visible: parent.status !== Image.Ready
                color: "#eeeeee"
            }
        }
        Label {
            Layout.fillWidth: true
            Layout.leftMargin: 8
            Layout.rightMargin: 8
            text: card.name
            wrapMode: Text.Wrap
            maximumLineCount: 2
            elide: Text.ElideRight
            font.pixelSize: 13
        }
        RowLayout {
            Layout.leftMargin: 8
            Layout.rightMargin: 8
            Layout.bottomMargin: 8
            Label {
                text: card.priceText
                color: Theme.price
                font.pixelSize: 16
                font.bold: true
            }
            Item { Layout.fillWidth: true }
            Label {
                text: qsTr("%1人付款").arg(card.sales)
                color: Theme.secondaryText
                font.pixelSize: 11
            }
        }
    }
    onClicked: Nav.open("GoodsPage", { goodsId: card.goodsId })
}
