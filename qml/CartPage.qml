import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Mall

// 购物车: the member's cart, quantities, total, checkout.
Page {
    id: page
    objectName: "cartPage"
    signal goShopping()
    background: Rectangle { color: Theme.background }
    header: PageHeader { title: qsTr("购物车 (%1)").arg(cart.quantity); showBack: false }

    CartModel {
        id: cart
        // A bin tap is quick to make by mistake: the line can be put back.
        onLineRemoved: (name, goodsId, quantity) =>
            App.offer(qsTr("已删除 %1").arg(name), qsTr("撤销"), () => cart.add(goodsId, quantity))
    }

    ListView {
        id: list
        objectName: "cartList"
        anchors.fill: parent
        anchors.margins: 8
        spacing: 8
        clip: true
        model: cart
        boundsBehavior: Flickable.DragOverBounds
        onDragEnded: if (contentY < originY - 80) cart.reload()
        delegate: Rectangle {
            objectName: "cartItem_" + model.goodsId
            width: ListView.view.width
            height: 112
            radius: Theme.radius
            color: Theme.card
            RowLayout {
                anchors.fill: parent
                anchors.margins: 10
                spacing: 10
                Image {
                    // Smaller on a small phone, so price and stepper keep
                    // their room.
                    readonly property int side: page.width < 360 ? 72 : 90
                    Layout.preferredWidth: side
                    Layout.preferredHeight: side
                    source: model.picUrl
                    fillMode: Image.PreserveAspectCrop
                    asynchronous: true
                }
                ColumnLayout {
                    Layout.fillWidth: true
                    RowLayout {
                        Label {
                            Layout.fillWidth: true
                            Layout.alignment: Qt.AlignTop
                            text: model.name
                            wrapMode: Text.Wrap
                            maximumLineCount: 2
                            elide: Text.ElideRight
                        }
                        ToolButton {
                            objectName: "removeCartItem_" + model.goodsId
                            Layout.alignment: Qt.AlignTop
                            implicitWidth: 40
                            implicitHeight: 40
                            padding: 8
                            icon.source: "qrc:/images/trash.svg"
                            icon.color: "transparent"
                            display: AbstractButton.IconOnly
                            // Which goods it removes, for a screen reader
                            // going down the list.
                            Accessible.name: qsTr("删除 %1").arg(model.name)
                            ToolTip.visible: hovered
                            ToolTip.text: qsTr("删除")
                            onClicked: cart.remove(model.id)
                        }
                    }
                    Item { Layout.fillHeight: true }
                    RowLayout {
                        Label {
                            Layout.fillWidth: true
                            Layout.minimumWidth: implicitWidth // never squeezed under the stepper
                            text: model.priceText
                            color: Theme.price
                            font.bold: true
                        }
                        // A compact stepper: − quantity +
                        Row {
                            spacing: 0
                            RoundButton {
                                objectName: "decrease_" + model.goodsId
                                implicitWidth: 36
                                implicitHeight: 36
                                padding: 0
                                text: "−"
                                flat: true
                                enabled: model.quantity > 1
                                Accessible.name: qsTr("减少数量")
                                onClicked: cart.setQuantity(model.id, model.quantity - 1)
                            }
                            Label {
                                objectName: "quantity_" + model.goodsId
                                width: 32
                                height: parent.height
                                text: model.quantity
                                horizontalAlignment: Text.AlignHCenter
                                verticalAlignment: Text.AlignVCenter
                            }
                            RoundButton {
                                objectName: "increase_" + model.goodsId
                                implicitWidth: 36
                                implicitHeight: 36
                                padding: 0
                                text: "+"
                                flat: true
                                Accessible.name: qsTr("增加数量")
                                onClicked: cart.setQuantity(model.id, model.quantity + 1)
                            }
                        }
                    }
                }
            }
        }
        StateView {
            anchors.fill: parent
            visible: cart.count === 0
            loading: cart.loading
            error: cart.error
            needsLogin: cart.needsLogin
            empty: true
            emptyText: qsTr("购物车空空如也，去逛逛吧")
            onRetry: cart.reload()
            authFrom: "cart"
        }
    }

    footer: ToolBar {
        visible: cart.count > 0
        background: Rectangle { color: "white" }
        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: 16
            anchors.rightMargin: 8
            Label { text: qsTr("合计：") }
            Label { objectName: "cartTotal"; text: cart.totalText; color: Theme.price; font.pixelSize: 18; font.bold: true; Layout.fillWidth: true }
            Button {
                objectName: "checkoutButton"
                highlighted: true
                text: qsTr("去结算")
                onClicked: App.mustAuth(2, function() { Nav.open("CheckoutPage", { fromCart: true }) }, "cart")
            }
        }
    }
}
