import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Mall

// 我的订单 by status, with pay and cancel.
Page {
    id: page
    objectName: "ordersPage"
    property string status: ""
    property int highlightId: 0
    readonly property var statuses: ["", "created", "paid", "shipped", "done"]
    background: Rectangle { color: Theme.background }
    header: ColumnLayout {
        spacing: 0
        PageHeader { Layout.fillWidth: true; title: qsTr("我的订单"); onBack: Nav.back() }
        TabBar {
            id: tabs
            Layout.fillWidth: true
            currentIndex: Math.max(0, page.statuses.indexOf(page.status))
            Repeater {
                model: page.statuses
                TabButton {
                    objectName: "orderTab_" + (modelData || "all")
                    // Five to a row even on a 320 px phone: no side padding
                    // and no capitals, so "Completed" fits in a fifth of it.
                    // (A bar scrolling sideways was tried: Material's keeps
                    // the current tab 48 px from the edge and slid "All" off.)
                    horizontalPadding: 0
                    font.pixelSize: 12
                    font.capitalization: Font.MixedCase
                    text: modelData === "" ? qsTr("全部") : App.orderStatusText(modelData)
                    onClicked: page.status = modelData
                }
            }
        }
    }

    OrderListModel { id: orders; status: page.status }

    ListView {
        objectName: "orderList"
        anchors.fill: parent
        anchors.margins: 8
        spacing: 8
        clip: true
        model: orders
        onAtYEndChanged: if (atYEnd && orders.hasMore) orders.loadMore()
        boundsBehavior: Flickable.DragOverBounds
        onDragEnded: if (contentY < originY - 80) orders.reload()
        delegate: Rectangle {
            objectName: "order_" + model.id
            width: ListView.view.width
            height: orderColumn.implicitHeight + 24
            radius: Theme.radius
            color: Theme.card
            border.color: model.id === page.highlightId ? Theme.brand : "transparent"
            MouseArea {
                anchors.fill: parent
                onClicked: Nav.open("OrderDetailPage", { orderId: model.id })
            }
            ColumnLayout {
                id: orderColumn
                anchors.fill: parent
                anchors.margins: 12
                RowLayout {
                    Label { text: qsTr("订单 %1").arg(model.id); font.bold: true; Layout.fillWidth: true }
                    Label { objectName: "orderStatus_" + model.id; text: model.statusText; color: Theme.brand }
                }
                Label { Layout.fillWidth: true; text: model.summary; elide: Text.ElideRight }
                RowLayout {
                    Label { text: model.dateText; color: Theme.secondaryText; font.pixelSize: 12; Layout.fillWidth: true }
                    Label { text: qsTr("实付 %1").arg(model.payText); font.bold: true }
                }
                RowLayout {
                    visible: model.status === "created"
                    Item { Layout.fillWidth: true }
                    Button {
                        objectName: "cancelOrder_" + model.id
                        text: qsTr("取消订单")
                        flat: true
                        onClicked: orders.cancel(model.id)
                    }
                    Button {
                        objectName: "payOrder_" + model.id
                        text: qsTr("去支付")
                        highlighted: true
                        onClicked: orders.pay(model.id, function(result) { if (result.ok) App.toast(qsTr("支付成功")) })
                    }
                }
            }
        }
        StateView {
            anchors.fill: parent
            visible: orders.count === 0
            loading: orders.loading
            error: orders.error
            needsLogin: orders.needsLogin
            emptyText: qsTr("还没有订单")
            onRetry: orders.reload()
            authFrom: "orders"
        }
    }
}
