import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Mall

// 我的: who the user is, orders by status, and the member's corners. Each
// entry that needs a member goes through App.mustAuth.
Page {
    id: page
    objectName: "mePage"
    background: Rectangle { color: Theme.background }

    function guarded(pageName, properties) {
        App.mustAuth(2, function() { Nav.open(pageName, properties) }, "me")
    }

    Flickable {
        anchors.fill: parent
        contentHeight: column.implicitHeight + 24
        ColumnLayout {
            id: column
            width: parent.width
            spacing: Theme.spacing

            Rectangle {
                Layout.fillWidth: true
                Layout.preferredHeight: 150
                gradient: Gradient {
                    GradientStop { position: 0; color: Theme.brand }
                    GradientStop { position: 1; color: "#ff8a3d" }
                }
                RowLayout {
                    anchors.fill: parent
                    anchors.margins: 20
                    spacing: 14
                    Rectangle {
                        Layout.preferredWidth: 64
                        Layout.preferredHeight: 64
                        radius: 32
                        color: "white"
                        clip: true
                        Image {
                            anchors.fill: parent
                            anchors.margins: App.user.avatarUrl ? 0 : 12
                            source: App.user.avatarUrl || "qrc:/images/tab-me-brand.svg"
                            fillMode: Image.PreserveAspectCrop
                        }
                    }
                    ColumnLayout {
                        Layout.fillWidth: true
                        Label {
                            objectName: "meName"
                            Layout.fillWidth: true
                            elide: Text.ElideRight
                            text: App.authStep >= 3 ? App.user.nickname
                                  : App.authStep === 2 ? App.maskedPhone
                                  : qsTr("登录 / 注册")
                            color: "white"
                            font.pixelSize: 20
                            font.bold: true
                        }
                        Label {
                            objectName: "meStep"
                            text: App.authStep >= 3 ? qsTr("会员 · 已授权资料")
                                  : App.authStep === 2 ? qsTr("会员 · 点击完善资料")
                                  : qsTr("游客 · 登录享会员权益")
                            Layout.fillWidth: true
                            elide: Text.ElideRight
                            color: "white"
                            opacity: 0.92
                        }
                    }
                }
                MouseArea {
                    objectName: "meHeader"
                    anchors.fill: parent
                    onClicked: App.mustAuth(3, function() {}, "me")
                }
            }

            Pane {
                Layout.fillWidth: true
                Layout.leftMargin: 12
                Layout.rightMargin: 12
                background: Rectangle { color: Theme.card; radius: Theme.radius }
                ColumnLayout {
                    width: parent.width
                    RowLayout {
                        Label { text: qsTr("我的订单"); font.bold: true; Layout.fillWidth: true }
                        Button {
                            objectName: "allOrdersButton"
                            flat: true
                            text: qsTr("全部订单 ›")
                            onClicked: page.guarded("OrdersPage", { status: "" })
                        }
                    }
                    RowLayout {
                        Layout.fillWidth: true
                        Repeater {
                            model: [
                                { status: "created", text: qsTr("待付款"), icon: "wallet" },
                                { status: "paid", text: qsTr("待发货"), icon: "truck" },
                                { status: "shipped", text: qsTr("待收货"), icon: "order" },
                                { status: "done", text: qsTr("已完成"), icon: "star" }
                            ]
                            ToolButton {
                                objectName: "orders_" + modelData.status
                                Layout.fillWidth: true
                                Layout.preferredWidth: 1 // equal columns, whatever the texts
                                horizontalPadding: 0 // "Completed" in a quarter of a small phone
                                text: modelData.text
                                icon.source: "qrc:/images/" + modelData.icon + ".svg"
                                icon.color: "transparent"
                                display: AbstractButton.TextUnderIcon
                                font.pixelSize: 12
                                font.capitalization: Font.MixedCase
                                onClicked: page.guarded("OrdersPage", { status: modelData.status })
                            }
                        }
                    }
                }
            }

            Pane {
                Layout.fillWidth: true
                Layout.leftMargin: 12
                Layout.rightMargin: 12
                background: Rectangle { color: Theme.card; radius: Theme.radius }
                GridLayout {
                    width: parent.width
                    // Two rows of three on a small phone, where a quarter of
                    // the width cannot hold "Coupon centre".
                    columns: page.width < 360 ? 3 : 4
                    Repeater {
                        model: [
                            { name: "myCoupons", page: "CouponCenterPage", text: qsTr("优惠券"), icon: "coupon", member: true, props: { mine: true } },
                            { name: "favorites", page: "FavoritesPage", text: qsTr("我的收藏"), icon: "heart-filled", member: true, props: {} },
                            { name: "addresses", page: "AddressesPage", text: qsTr("收货地址"), icon: "address", member: true, props: {} },
                            { name: "footprints", page: "FootprintsPage", text: qsTr("足迹"), icon: "footprint", member: false, props: {} },
                            { name: "couponCenter", page: "CouponCenterPage", text: qsTr("领券中心"), icon: "coupon", member: false, props: {} },
                            { name: "settings", page: "SettingsPage", text: qsTr("设置"), icon: "settings", member: false, props: {} }
                        ]
                        ToolButton {
                            objectName: "me_" + modelData.name
                            Layout.fillWidth: true
                            Layout.preferredWidth: 1 // equal columns, whatever the texts
                            horizontalPadding: 2 // a quarter of a phone is narrow for "Coupon centre"
                            text: modelData.text
                            icon.source: "qrc:/images/" + modelData.icon + ".svg"
                            icon.color: "transparent"
                            display: AbstractButton.TextUnderIcon
                            font.pixelSize: 12
                            // Labels, not commands: not in Material's capitals
                            // (which also cut "Coupon centre" short).
                            font.capitalization: Font.MixedCase
                            onClicked: modelData.member ? page.guarded(modelData.page, modelData.props)
                                                        : Nav.open(modelData.page, modelData.props)
                        }
                    }
                }
            }
        }
    }
}
