import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Mall

// 商品详情: gallery, price, specs, reviews, and the actions. Every action
// that needs a member (or member-info) goes through App.mustAuth, which runs
// the very action the user tapped once they are there.
Page {
    id: page
    objectName: "goodsPage"
    property int goodsId
    background: Rectangle { color: Theme.background }

    GoodsDetail {
        id: detail
        goodsId: page.goodsId
        onReviewPosted: reviews.reload()
    }
    ReviewListModel { id: reviews; goodsId: page.goodsId }

    header: PageHeader {
        title: qsTr("商品详情")
        onBack: Nav.back()
    }

    Flickable {
        anchors.fill: parent
        contentHeight: column.implicitHeight + 16
        clip: true
        visible: detail.loaded
        ColumnLayout {
            id: column
            width: parent.width
            spacing: Theme.spacing

            SwipeView {
                id: gallery
                objectName: "gallery"
                Layout.fillWidth: true
                Layout.preferredHeight: Math.min(page.width, 480)
                clip: true
                Repeater {
                    model: detail.gallery
                    Image {
                        source: modelData
                        fillMode: Image.PreserveAspectFit
                        asynchronous: true
                    }
                }
            }
            PageIndicator {
                Layout.alignment: Qt.AlignHCenter
                Layout.topMargin: -36
                count: gallery.count
                currentIndex: gallery.currentIndex
            }

            Pane {
                Layout.fillWidth: true
                background: Rectangle { color: Theme.card }
                ColumnLayout {
                    width: parent.width
                    spacing: 8
                    RowLayout {
                        Label {
                            objectName: "goodsPrice"
                            text: detail.priceText
                            color: Theme.price
                            font.pixelSize: 26
                            font.bold: true
                        }
                        Item { Layout.fillWidth: true }
                        Label {
                            text: qsTr("已售 %1 · 库存 %2").arg(detail.sales).arg(detail.stock)
                            color: Theme.secondaryText
                            font.pixelSize: 12
                        }
                    }
                    Label {
                        objectName: "goodsName"
                        Layout.fillWidth: true
                        text: detail.name
                        font.pixelSize: 17
                        font.bold: true
                        wrapMode: Text.Wrap
                    }
                    Label {
                        Layout.fillWidth: true
                        text: detail.brief
                        color: Theme.secondaryText
                        wrapMode: Text.Wrap
                    }
                }
            }

            ItemDelegate {
                objectName: "claimCouponsRow"
                Layout.fillWidth: true
                background: Rectangle { color: Theme.card }
                contentItem: RowLayout {
                    Image { source: "qrc:/images/coupon.svg"; sourceSize: Qt.size(22, 22) }
                    Label { text: qsTr("领券"); font.bold: true }
                    Label {
                        Layout.fillWidth: true
                        text: qsTr("店铺优惠券，下单立减")
                        color: Theme.secondaryText
                        elide: Text.ElideRight
                    }
                    Label { text: "›"; color: Theme.secondaryText }
                }
                onClicked: Nav.open("CouponCenterPage")
            }

            Pane {
                Layout.fillWidth: true
                visible: detail.specs.length > 0
                background: Rectangle { color: Theme.card }
                ColumnLayout {
                    width: parent.width
                    Label { text: qsTr("规格参数"); font.bold: true }
                    Repeater {
                        model: detail.specs
                        RowLayout {
                            Layout.fillWidth: true
                            Label { text: modelData.name; color: Theme.secondaryText; Layout.preferredWidth: 72 }
                            Flow {
                                Layout.fillWidth: true
                                spacing: 6
                                Repeater {
                                    model: modelData.values
                                    Rectangle {
                                        radius: 4
                                        color: Theme.background
                                        width: specLabel.implicitWidth + 16
                                        height: specLabel.implicitHeight + 8
                                        Label { id: specLabel; anchors.centerIn: parent; text: modelData; font.pixelSize: 13 }
                                    }
                                }
                            }
                        }
                    }
                }
            }

            Pane {
                Layout.fillWidth: true
                background: Rectangle { color: Theme.card }
                ColumnLayout {
                    width: parent.width
                    RowLayout {
                        Label { text: qsTr("商品评价 (%1)").arg(reviews.total); font.bold: true; Layout.fillWidth: true }
                        Button {
                            objectName: "writeReviewButton"
                            text: qsTr("写评价")
                            flat: true
                            // Reviews need an authorized profile (step 3).
                            onClicked: App.mustAuth(3, function() { reviewDialog.open() }, "goods/" + page.goodsId)
                        }
                    }
                    Repeater {
                        model: reviews
                        ColumnLayout {
                            Layout.fillWidth: true
                            objectName: "review_" + model.id
                            RowLayout {
                                Image { source: model.avatarUrl || ""; sourceSize: Qt.size(28, 28); Layout.preferredWidth: 28; Layout.preferredHeight: 28 }
                                Label { text: model.nickname; font.bold: true }
                                Label { text: "★".repeat(model.rating); color: "#ffb400" }
                                Item { Layout.fillWidth: true }
                                Label { text: model.dateText; color: Theme.secondaryText; font.pixelSize: 11 }
                            }
                            Label { Layout.fillWidth: true; text: model.text; wrapMode: Text.Wrap }
                        }
                    }
                    Label {
                        visible: reviews.count === 0 && !reviews.loading
                        text: qsTr("还没有评价，来写第一条吧")
                        color: Theme.secondaryText
                    }
                }
            }
        }
    }

    StateView {
        anchors.fill: parent
        visible: !detail.loaded
        loading: detail.loading
        error: detail.error
        empty: false
        onRetry: detail.reload()
    }

    footer: ToolBar {
        background: Rectangle { color: "white"; Rectangle { width: parent.width; height: 1; color: Theme.divider } }
        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: 8
            anchors.rightMargin: 8
            ToolButton {
                objectName: "favoriteButton"
                icon.source: detail.favorite ? "qrc:/images/heart-filled.svg" : "qrc:/images/heart.svg"
                icon.color: "transparent"
                text: detail.favorite ? qsTr("已收藏") : qsTr("收藏")
                display: AbstractButton.TextUnderIcon
                font.pixelSize: 10
                font.capitalization: Font.MixedCase
                onClicked: {
                    const wanted = !detail.favorite
                    App.mustAuth(2, function() { detail.setFavorite(wanted) }, "goods/" + page.goodsId)
                }
            }
            ToolButton {
                objectName: "goToCartButton"
                icon.source: "qrc:/images/cart.svg"
                icon.color: "transparent"
                text: qsTr("购物车")
                display: AbstractButton.TextUnderIcon
                font.pixelSize: 10
                font.capitalization: Font.MixedCase
                onClicked: { Nav.stack.pop(null); Nav.stack.currentItem.currentIndex = 2 }
            }
            Button {
                objectName: "addToCartButton"
                Layout.fillWidth: true
                Layout.preferredWidth: 1 // as wide as "buy now", in any language
                // Material's 16 px sides and capitals leave a small phone too
                // little room for "Add to cart".
                horizontalPadding: 8
                font.capitalization: Font.MixedCase
                text: qsTr("加入购物车")
                enabled: detail.loaded && detail.stock > 0
                // Dark on amber: white on it would be 1.8:1, hard to read.
                Material.background: "#ffb000"
                Material.foreground: Theme.text
                onClicked: App.mustAuth(2, function() {
                    detail.addToCart(1, function(result) {
                        if (result.ok) App.toast(qsTr("已加入购物车"))
                    })
                }, "goods/" + page.goodsId)
            }
            Button {
                objectName: "buyNowButton"
                Layout.fillWidth: true
                Layout.preferredWidth: 1
                horizontalPadding: 8
                font.capitalization: Font.MixedCase
                text: detail.stock > 0 ? qsTr("立即购买") : qsTr("已售罄")
                enabled: detail.loaded && detail.stock > 0
                highlighted: true
                onClicked: App.mustAuth(2, function() {
                    Nav.open("CheckoutPage", { goodsId: page.goodsId, quantity: 1 })
                }, "goods/" + page.goodsId)
            }
        }
    }

    ReviewDialog {
        id: reviewDialog
        anchors.centerIn: parent
        width: Math.min(parent.width - 32, 420)
        onSubmitted: (rating, text) => {
            reviewDialog.posting = true
            detail.postReview(rating, text, function(result) {
                reviewDialog.posting = false
                if (result.ok) {
                    reviewDialog.close()
                    App.toast(qsTr("评价已发布"))
                }
            })
        }
    }
}
