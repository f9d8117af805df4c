import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Mall

// 结算: address, goods, coupon, totals, then the order.
Page {
    id: page
    objectName: "checkoutPage"
    property bool fromCart: false
    property int goodsId: 0
    property int quantity: 1
    background: Rectangle { color: Theme.background }
    header: PageHeader { title: qsTr("确认订单"); onBack: Nav.back() }

    Checkout {
        id: checkout
        fromCart: page.fromCart
        goodsId: page.goodsId
        quantity: page.quantity
        onOrdered: (orderId) => Nav.replace("OrdersPage", { status: "created", highlightId: orderId })
    }

    Flickable {
        anchors.fill: parent
        contentHeight: column.implicitHeight + 24
        ColumnLayout {
            id: column
            width: parent.width - 24
            x: 12
            y: 12
            spacing: Theme.spacing

            ItemDelegate {
                objectName: "checkoutAddress"
                Layout.fillWidth: true
                background: Rectangle { color: Theme.card; radius: Theme.radius }
                contentItem: RowLayout {
                    Image { source: "qrc:/images/address.svg"; sourceSize: Qt.size(24, 24) }
                    ColumnLayout {
                        Layout.fillWidth: true
                        Label {
                            Layout.fillWidth: true
                            text: checkout.address.id ? checkout.address.name + "  " + checkout.address.phone
                                                      : qsTr("添加收货地址")
                            font.bold: true
                            elide: Text.ElideMiddle
                        }
                        Label {
                            visible: !!checkout.address.id
                            Layout.fillWidth: true
                            text: (checkout.address.region || "") + " " + (checkout.address.detail || "")
                            color: Theme.secondaryText
                            wrapMode: Text.Wrap
                        }
                    }
                    Label { text: "›" }
                }
                onClicked: {
                    const chooser = Nav.open("AddressesPage", { choosing: true })
                    chooser.chosen.connect(function(address) { checkout.address = address })
                }
            }

            Pane {
                Layout.fillWidth: true
                background: Rectangle { color: Theme.card; radius: Theme.radius }
                ColumnLayout {
                    width: parent.width
                    Repeater {
                        model: checkout.items
                        RowLayout {
                            Layout.fillWidth: true
                            Image { source: modelData.picUrl; Layout.preferredWidth: 64; Layout.preferredHeight: 64; fillMode: Image.PreserveAspectCrop }
                            Label { Layout.fillWidth: true; text: modelData.name; wrapMode: Text.Wrap; maximumLineCount: 2; elide: Text.ElideRight }
                            ColumnLayout {
                                Label { text: modelData.priceText; color: Theme.price }
                                Label { text: "× " + modelData.quantity; color: Theme.secondaryText; Layout.alignment: Qt.AlignRight }
                            }
                        }
                    }
                }
            }

            Pane {
                Layout.fillWidth: true
                background: Rectangle { color: Theme.card; radius: Theme.radius }
                GridLayout {
                    width: parent.width
                    columns: 2
                    Label { text: qsTr("商品金额") }
                    Label { text: checkout.totalText; Layout.alignment: Qt.AlignRight }
                    Label { text: qsTr("优惠券") }
                    ComboBox {
                        objectName: "couponChooser"
                        Layout.alignment: Qt.AlignRight
                        Layout.preferredWidth: 200
                        model: [{ id: 0, name: qsTr("不使用优惠券") }].concat(checkout.coupons)
                        textRole: "name"
                        valueRole: "id"
                        currentIndex: Math.max(0, indexOfValue(checkout.couponId))
                        onActivated: checkout.couponId = currentValue
                    }
                    Label { text: qsTr("优惠") }
                    Label { text: checkout.discountText; color: Theme.price; Layout.alignment: Qt.AlignRight }
                }
            }
        }
    }

    footer: ToolBar {
        background: Rectangle { color: "white" }
        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: 16
            anchors.rightMargin: 8
            Label { text: qsTr("实付：") }
            Label { objectName: "payTotal"; text: checkout.payText; color: Theme.price; font.pixelSize: 18; font.bold: true; Layout.fillWidth: true }
            Button {
                objectName: "submitOrderButton"
                highlighted: true
                enabled: checkout.ready
                text: checkout.submitting ? qsTr("提交中…") : qsTr("提交订单")
                onClicked: checkout.submit()
            }
        }
    }
}
