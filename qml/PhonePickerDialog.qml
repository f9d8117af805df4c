import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Mall

// The platform's phone-number sheet (what WeChat shows for the phone
// button), simulated: the user confirms the number the platform knows.
Dialog {
    id: dialog
    objectName: "phonePickerDialog"
    signal picked(string phone)
    modal: true
    title: qsTr("申请获取你的手机号")
    ColumnLayout {
        width: parent.width
        Label {
            Layout.fillWidth: true
            text: qsTr("商城申请使用你绑定的手机号")
            color: Theme.secondaryText
            wrapMode: Text.Wrap
        }
        TextField {
            id: number
            objectName: "platformPhoneField"
            Layout.fillWidth: true
            text: "13800138000"
            inputMethodHints: Qt.ImhDigitsOnly
            maximumLength: 11
            Accessible.name: qsTr("手机号")
        }
    }
    footer: DialogButtonBox {
        Button {
            objectName: "allowPhoneButton"
            text: qsTr("允许")
            highlighted: true
            enabled: App.isValidPhone(number.text)
            DialogButtonBox.buttonRole: DialogButtonBox.AcceptRole
        }
        Button { text: qsTr("拒绝"); DialogButtonBox.buttonRole: DialogButtonBox.RejectRole }
    }
    onAccepted: picked(number.text)
}
