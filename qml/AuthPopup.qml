import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Mall

// The authorization popup: for a guest the phone step, for a member the
// profile step (nickname, avatar, gender). Completing it completes the
// pending guarded action.
Popup {
    id: popup
    objectName: "authPopup"
    property bool busy: false
    property string message: ""
    modal: true
    padding: 20
    onOpened: message = ""
    onClosed: if (App.authStep < 3 && !busy) App.cancelAuth()
    background: Rectangle { radius: 14; color: "white" }

    function finished(result) {
        busy = false
        if (!result.ok)
            message = result.code === "SESSION_KEY_EXPIRED" ? qsTr("授权已过期，请再点一次") : result.message
    }

    contentItem: ColumnLayout {
        spacing: 12
        Label {
            Layout.alignment: Qt.AlignHCenter
            text: App.authStep < 2 ? qsTr("绑定手机号") : qsTr("完善会员信息")
            font.pixelSize: 18
            font.bold: true
        }
        Label {
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            color: Theme.secondaryText
            text: App.authStep < 2 ? qsTr("登录后即可继续刚才的操作")
                                   : qsTr("授权头像和昵称后即可发表评价")
        }

        // Profile step
        Image {
            Layout.alignment: Qt.AlignHCenter
            visible: App.authStep >= 2
            source: "qrc:/images/tab-me-brand.svg"
            sourceSize: Qt.size(64, 64)
        }
        TextField {
            id: nickname
            objectName: "profileNicknameField"
            Layout.fillWidth: true
            visible: App.authStep >= 2
            placeholderText: qsTr("昵称")
            Accessible.name: qsTr("昵称")
            maximumLength: 32
        }
        RowLayout {
            visible: App.authStep >= 2
            Label { text: qsTr("性别") }
            RadioButton { id: male; objectName: "genderMale"; text: qsTr("男"); checked: true }
            RadioButton { id: female; objectName: "genderFemale"; text: qsTr("女") }
        }
        Button {
            objectName: "authorizeButton"
            Layout.fillWidth: true
            visible: App.authStep >= 2
            highlighted: true
            enabled: !popup.busy && nickname.text.trim().length > 0
            text: popup.busy ? qsTr("授权中…") : qsTr("允许授权")
            onClicked: {
                popup.busy = true
                popup.message = ""
                App.authorizeProfile(nickname.text.trim(), male.checked ? 1 : 2, popup.finished)
            }
        }

        // Phone step
        Button {
            objectName: "popupPhoneButton"
            Layout.fillWidth: true
            visible: App.authStep < 2
            text: qsTr("微信手机号一键登录")
            enabled: !popup.busy
            Material.background: Theme.platformGreen
            Material.foreground: "white"
            onClicked: {
                popup.busy = true
                App.bindPhoneWithPlatform("13800138000", popup.finished)
            }
        }
        Button {
            Layout.fillWidth: true
            visible: App.authStep < 2
            flat: true
            text: qsTr("用手机号验证码登录")
            onClicked: { popup.close(); Nav.open("LoginPage") }
        }

        Label {
            objectName: "authPopupMessage"
            Layout.fillWidth: true
            visible: popup.message !== ""
            text: popup.message
            color: Theme.price
            wrapMode: Text.Wrap
        }
        Button {
            objectName: "popupNotNowButton"
            Layout.fillWidth: true
            flat: true
            text: qsTr("暂不")
            onClicked: popup.close()
        }
    }
}
