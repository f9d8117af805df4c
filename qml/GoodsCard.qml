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
    // Material gives delegates 8 px above and below whatever the padding;
    // the card sets its own insets.
    padding: 0
    verticalPadding: 0
    Accessible.name: name + " " + priceText
    background: Rectangle { color: Theme.card; radius: Theme.radius }
    // Over the picture and the text, which would hide it in the background.
    PressTint {
        control: card
        radius: Theme.radius
        z: 1
    }
    contentItem: ColumnLayout {
        spacing: 6
        // Nothing in the card may ask for more than the card's width: a
        // column wider than its contents centres them and pushes the
        // picture out of the card's edge.
        RemoteImage {
            readonly property real side: card.availableWidth - 2 * Theme.cardInset
            Layout.topMargin: Theme.cardInset
            Layout.alignment: Qt.AlignHCenter
            Layout.preferredWidth: side
            Layout.preferredHeight: side
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
        Item { Layout.fillHeight: true } // the prices line up at the bottom
        RowLayout {
            Layout.fillWidth: true
            Layout.leftMargin: 8
            Layout.rightMargin: 8
            Layout.bottomMargin: 8
            spacing: 4
            Label {
                text: card.priceText
                color: Theme.price
                font.pixelSize: 16
                font.bold: true
            }
            // In a narrow card the sales give way to the price.
            Label {
                Layout.fillWidth: true
                Layout.minimumWidth: 0
                text: qsTr("%1人付款").arg(card.sales)
                color: Theme.secondaryText
                font.pixelSize: 11
                horizontalAlignment: Text.AlignRight
                elide: Text.ElideRight
            }
        }
    }
    onClicked: Nav.open("GoodsPage", { goodsId: card.goodsId })
}
