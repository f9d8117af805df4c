import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Mall

// 收货地址: the list, add and edit; with `choosing`, picking one returns it.
Page {
    id: page
    objectName: "addressesPage"
    property bool choosing: false
    signal chosen(var address)
    background: Rectangle { color: Theme.background }
    header: PageHeader { title: page.choosing ? qsTr("选择收货地址") : qsTr("收货地址"); onBack: Nav.back() }

    AddressListModel { id: addresses }

    ListView {
        anchors.fill: parent
        anchors.margins: 8
        spacing: 8
        clip: true
        model: addresses
        delegate: ItemDelegate {
            objectName: "address_" + model.id
            width: ListView.view.width
            background: Rectangle { color: Theme.card; radius: Theme.radius }
            contentItem: RowLayout {
                ColumnLayout {
                    Layout.fillWidth: true
                    RowLayout {
                        Layout.fillWidth: true
                        Label {
                            Layout.fillWidth: true
                            text: model.name + "  " + model.phone
                            font.bold: true
                            elide: Text.ElideMiddle // the phone number stays readable
                        }
                        Label { visible: model.isDefault; text: qsTr("默认"); color: Theme.brand; font.pixelSize: 12 }
                    }
                    Label { Layout.fillWidth: true; text: model.fullText; color: Theme.secondaryText; wrapMode: Text.Wrap }
                }
                ToolButton {
                    objectName: "editAddress_" + model.id
                    text: qsTr("编辑")
                    onClicked: Nav.open("AddressEditPage", { address: addresses.get(index), addresses: addresses })
                }
            }
            onClicked: if (page.choosing) { page.chosen(addresses.get(index)); Nav.back() }
        }
        StateView {
            anchors.fill: parent
            visible: addresses.count === 0
            loading: addresses.loading
            error: addresses.error
            needsLogin: addresses.needsLogin
            emptyText: qsTr("还没有收货地址")
            onRetry: addresses.reload()
            authFrom: "addresses"
        }
    }
    footer: Button {
        objectName: "addAddressButton"
        highlighted: true
        text: qsTr("新增收货地址")
        onClicked: Nav.open("AddressEditPage", { addresses: addresses })
    }
}
