import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Mall

// 订单详情: status, address, goods, money; pay or cancel while it waits.
Page {
    id: page
    objectName: "orderDetailPage"
    property int orderId
    background: Rectangle { color: Theme.background }
    header: PageHeader { title: qsTr("订单详情"); onBack: Nav.back() }

    OrderDetail { id: order; orderId: page.orderId }

    Flickable {
        anchors.fill: parent
        contentHeight: column.implicitHeight + 24
        visible: order.loaded
        ColumnLayout {
            id: column
            width: parent.width - 24
            x: 12
            y: 12
            spacing: Theme.spacing

            Rectangle {
                Layout.fillWidth: true
                Layout.preferredHeight: 72
                radius: Theme.radius
                color: Theme.brand
                ColumnLayout {
                    anchors.fill: parent
                    anchors.margins: 14
                    Label { objectName: "orderDetailStatus"; text: order.statusText; color: "white"; font.pixelSize: 20; font.bold: true }
                    Label { text: qsTr("订单 %1 · %2").arg(page.orderId).arg(order.dateText); color: "#ffe8da" }
                }
            }
            Pane {
                Layout.fillWidth: true
                background: Rectangle { color: Theme.card; radius: Theme.radius }
                RowLayout {
                    width: parent.width
                    Image { source: "qrc:/images/address.svg"; sourceSize: Qt.size(24, 24) }
                    ColumnLayout {
                        Layout.fillWidth: true
                        Label { text: (order.address.name || "") + "  " + (order.address.phone || ""); font.bold: true }
                        Label { Layout.fillWidth: true; text: (order.address.region || "") + " " + (order.address.detail || ""); color: Theme.secondaryText; wrapMode: Text.Wrap }
                    }
                }
            }
            Pane {
                Layout.fillWidth: true
                background: Rectangle { color: Theme.card; radius: Theme.radius }
                ColumnLayout {
                    width: parent.width
                    Repeater {
                        model: order.items
                        RowLayout {
                            Layout.fillWidth: true
                            Label { Layout.fillWidth: true; text: modelData.name; elide: Text.ElideRight }
                            Label { text: modelData.priceText + " × " + modelData.quantity; color: Theme.secondaryText }
                        }
                    }
                    Rectangle { Layout.fillWidth: true; height: 1; color: Theme.divider }
                    GridLayout {
                        Layout.fillWidth: true
                        columns: 2
                        Label { text: qsTr("商品金额") }
                        Label { text: order.totalText; Layout.alignment: Qt.AlignRight }
                        Label { text: qsTr("优惠") }
                        Label { text: order.discountText; color: Theme.price; Layout.alignment: Qt.AlignRight }
                        Label { text: qsTr("合计"); font.bold: true } // paid or still to pay
                        Label { objectName: "orderDetailPay"; text: order.payText; color: Theme.price; font.bold: true; Layout.alignment: Qt.AlignRight }
                    }
                }
            }
        }
    }
    StateView {
        anchors.fill: parent
        visible: !order.loaded
        loading: order.loading
        error: order.error
        empty: false
        onRetry: order.reload()
    }
    footer: ToolBar {
        visible: order.status === "created"
        background: Rectangle { color: "white" }
        RowLayout {
            anchors.fill: parent
            anchors.rightMargin: 8
            Item { Layout.fillWidth: true }
            Button { objectName: "orderDetailCancel"; text: qsTr("取消订单"); flat: true; onClicked: order.cancel() }
            Button {
                objectName: "orderDetailPayButton"
                text: qsTr("去支付")
                highlighted: true
                onClicked: order.pay(function(result) { if (result.ok) App.toast(qsTr("支付成功")) })
            }
        }
    }
}
