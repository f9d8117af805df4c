import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Mall

// 领券中心 (mine: false) and 我的优惠券 (mine: true).
Page {
    id: page
    objectName: mine ? "myCouponsPage" : "couponCenterPage"
    property bool mine: false
    background: Rectangle { color: Theme.background }
    header: PageHeader { title: page.mine ? qsTr("我的优惠券") : qsTr("领券中心"); onBack: Nav.back() }

    CouponListModel { id: coupons; mine: page.mine }

    ListView {
        anchors.fill: parent
        anchors.margins: 8
        spacing: 8
        clip: true
        model: coupons
        delegate: Rectangle {
            objectName: "coupon_" + model.id
            width: ListView.view.width
            height: 96
            radius: Theme.radius
            color: model.usable ? Theme.brandLight : "#eeeeee"
            RowLayout {
                anchors.fill: parent
                anchors.margins: 14
                spacing: 14
                Label {
                    text: model.discountText
                    color: model.usable ? Theme.price : Theme.secondaryText
                    font.pixelSize: 26
                    font.bold: true
                }
                ColumnLayout {
                    Layout.fillWidth: true
                    Label { text: model.name; font.bold: true; elide: Text.ElideRight; Layout.fillWidth: true }
                    Label { text: model.conditionText + " · " + model.validText; color: Theme.secondaryText; font.pixelSize: 12 }
                }
                Button {
                    objectName: "claimCoupon_" + model.id
                    visible: !page.mine
                    enabled: model.remaining > 0
                    highlighted: true
                    text: model.remaining > 0 ? qsTr("领取") : qsTr("已抢光")
                    onClicked: {
                        const id = model.id
                        App.mustAuth(2, function() {
                            coupons.claim(id, function(result) { if (result.ok) App.toast(qsTr("领取成功")) })
                        }, "coupons")
                    }
                }
                Label {
                    visible: page.mine
                    text: model.status === "used" ? qsTr("已使用") : model.status === "expired" ? qsTr("已过期") : qsTr("可使用")
                    color: model.usable ? Theme.brand : Theme.secondaryText
                }
            }
        }
        StateView {
            anchors.fill: parent
            visible: coupons.count === 0
            loading: coupons.loading
            error: coupons.error
            needsLogin: coupons.needsLogin
            emptyText: page.mine ? qsTr("还没有优惠券，去领券中心看看") : qsTr("暂无可领的优惠券")
            onRetry: coupons.reload()
            authFrom: "coupons"
        }
    }
}
