import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Mall

// Add or edit one address, checked field by field before saving.
Page {
    id: page
    objectName: "addressEditPage"
    property var address: ({})
    property var addresses
    property bool saving: false
    readonly property bool valid: name.text.trim().length > 0 && App.isValidPhone(phone.text)
                                  && region.text.trim().length > 0 && detail.text.trim().length > 0
    background: Rectangle { color: Theme.background }
    header: PageHeader { title: page.address.id ? qsTr("编辑地址") : qsTr("新增地址"); onBack: Nav.back() }

    ColumnLayout {
        width: Math.min(parent.width - 32, 480)
        x: (parent.width - width) / 2
        y: 16
        spacing: 10
        TextField { id: name; objectName: "addressName"; Layout.fillWidth: true; placeholderText: qsTr("收货人"); text: page.address.name || ""; maximumLength: 20 }
        TextField { id: phone; objectName: "addressPhone"; Layout.fillWidth: true; placeholderText: qsTr("手机号"); text: page.address.phone || ""; maximumLength: 11; inputMethodHints: Qt.ImhDigitsOnly }
        Label { visible: phone.text.length > 0 && !App.isValidPhone(phone.text); text: qsTr("请输入 11 位手机号"); color: Theme.price; font.pixelSize: 12 }
        TextField { id: region; objectName: "addressRegion"; Layout.fillWidth: true; placeholderText: qsTr("所在地区，如 广东省 广州市 天河区"); text: page.address.region || ""; maximumLength: 100 }
        TextArea { id: detail; objectName: "addressDetail"; Layout.fillWidth: true; placeholderText: qsTr("详细地址"); text: page.address.detail || ""; wrapMode: TextArea.Wrap }
        CheckBox { id: isDefault; objectName: "addressDefault"; text: qsTr("设为默认地址"); checked: !!page.address.isDefault }
        Button {
            objectName: "saveAddressButton"
            Layout.fillWidth: true
            highlighted: true
            enabled: page.valid && !page.saving
            text: page.saving ? qsTr("保存中…") : qsTr("保存")
            onClicked: {
                page.saving = true
                page.addresses.save({ id: page.address.id || 0, name: name.text.trim(), phone: phone.text,
                                      region: region.text.trim(), detail: detail.text.trim(), isDefault: isDefault.checked },
                                    function(result) { page.saving = false; if (result.ok) Nav.back() })
            }
        }
        Button {
            objectName: "deleteAddressButton"
            Layout.fillWidth: true
            visible: !!page.address.id
            flat: true
            text: qsTr("删除地址")
            onClicked: page.addresses.remove(page.address.id, function(result) { if (result.ok) Nav.back() })
        }
    }
}
