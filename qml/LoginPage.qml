import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Mall

// 登录: phone + SMS code, phone + password, the platform's one-tap phone
// button, and browser login. Input is checked before any request; a button
// shows progress and cannot be pressed twice. When the login succeeds the
// guard resumes the pending action and Main pops this page.
Page {
    id: page
    objectName: "loginPage"
    property bool busy: false
    property string message: ""
    background: Rectangle { color: "white" }

    function finished(result) {
        busy = false
        if (!result.ok)
            message = result.message
    }

    header: PageHeader {
        title: qsTr("登录 / 注册")
        onBack: {
            App.cancelAuth()
            Nav.back()
        }
    }

    Flickable {
        anchors.fill: parent
        contentHeight: form.implicitHeight + 48
        clip: true
        ColumnLayout {
            id: form
            width: Math.min(parent.width - 48, 420)
            x: (parent.width - width) / 2
            y: 24
            spacing: 14

            Image {
                Layout.alignment: Qt.AlignHCenter
                source: "qrc:/images/logo.svg"
                sourceSize: Qt.size(72, 72)
            }
            Label {
                Layout.alignment: Qt.AlignHCenter
                text: qsTr("欢迎来到商城")
                font.pixelSize: 20
                font.bold: true
            }

            TabBar {
                id: mode
                Layout.fillWidth: true
                TabButton { objectName: "smsModeTab"; text: qsTr("验证码登录") }
                TabButton { objectName: "passwordModeTab"; text: qsTr("密码登录") }
            }

            TextField {
                id: phone
                objectName: "loginPhoneField"
                Layout.fillWidth: true
                placeholderText: qsTr("手机号")
                Accessible.name: qsTr("手机号")
                inputMethodHints: Qt.ImhDigitsOnly
                maximumLength: 11
                validator: RegularExpressionValidator { regularExpression: /[0-9]{0,11}/ }
            }
            Label {
                objectName: "phoneHint"
                visible: phone.text.length > 0 && !App.isValidPhone(phone.text)
                text: qsTr("请输入 11 位手机号")
                color: Theme.price
                font.pixelSize: 12
            }

            RowLayout {
                Layout.fillWidth: true
                visible: mode.currentIndex === 0
                TextField {
                    id: code
                    objectName: "smsCodeField"
                    Layout.fillWidth: true
                    placeholderText: qsTr("6 位验证码")
                    Accessible.name: qsTr("验证码")
                    inputMethodHints: Qt.ImhDigitsOnly
                    maximumLength: 6
                    validator: RegularExpressionValidator { regularExpression: /[0-9]{0,6}/ }
                }
                Button {
                    id: sendButton
                    objectName: "sendSmsButton"
                    property bool sending: false
                    enabled: App.isValidPhone(phone.text) && App.smsCooldown === 0 && !sending
                    text: App.smsCooldown > 0 ? qsTr("%1 秒后重发").arg(App.smsCooldown) : qsTr("获取验证码")
                    onClicked: {
                        sending = true
                        page.message = ""
                        App.sendSmsCode(phone.text, function(result) {
                            sendButton.sending = false
                            if (!result.ok) page.message = result.message
                        })
                    }
                }
            }

            TextField {
                id: password
                objectName: "passwordField"
                Layout.fillWidth: true
                visible: mode.currentIndex === 1
                placeholderText: qsTr("密码")
                Accessible.name: qsTr("密码")
                echoMode: TextInput.Password
            }

            Label {
                objectName: "loginMessage"
                Layout.fillWidth: true
                visible: page.message !== ""
                text: page.message
                color: Theme.price
                wrapMode: Text.Wrap
            }

            Button {
                objectName: mode.currentIndex === 0 ? "smsLoginButton" : "passwordLoginButton"
                Layout.fillWidth: true
                Layout.preferredHeight: 48
                highlighted: true
                enabled: !page.busy && App.isValidPhone(phone.text)
                         && (mode.currentIndex === 0 ? App.isValidSmsCode(code.text) : password.text.length > 0)
                text: page.busy ? qsTr("登录中…") : qsTr("登录")
                onClicked: {
                    page.busy = true
                    page.message = ""
                    if (mode.currentIndex === 0)
                        App.loginWithSms(phone.text, code.text, page.finished)
                    else
                        App.loginWithPassword(phone.text, password.text, page.finished)
                }
                BusyIndicator {
                    anchors.right: parent.right
                    anchors.verticalCenter: parent.verticalCenter
                    height: parent.height * 0.6
                    width: height
                    running: page.busy
                    visible: page.busy
                }
            }

            RowLayout {
                Layout.fillWidth: true
                Rectangle { Layout.fillWidth: true; height: 1; color: Theme.divider }
                Label { text: qsTr("其他方式"); color: Theme.secondaryText; font.pixelSize: 12 }
                Rectangle { Layout.fillWidth: true; height: 1; color: Theme.divider }
            }

            Button {
                objectName: "platformPhoneButton"
                Layout.fillWidth: true
                Layout.preferredHeight: 46
                text: qsTr("微信手机号一键登录")
                enabled: !page.busy
                Material.background: Theme.platformGreen
                Material.foreground: "white"
                onClicked: phonePicker.open()
            }
            Button {
                objectName: "browserLoginButton"
                Layout.fillWidth: true
                flat: true
                text: App.browserLoginRunning ? qsTr("请在浏览器中完成授权…") : qsTr("在浏览器中登录")
                enabled: !page.busy
                onClicked: App.browserLoginRunning ? App.cancelBrowserLogin()
                                                   : App.loginInBrowser(page.finished)
            }
            Label {
                Layout.fillWidth: true
                text: qsTr("未注册的手机号验证后将自动创建账号")
                color: Theme.secondaryText
                font.pixelSize: 12
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.Wrap
            }
        }
    }

    PhonePickerDialog {
        id: phonePicker
        anchors.centerIn: parent
        width: Math.min(parent.width - 32, 380)
        onPicked: (number) => {
            page.busy = true
            page.message = ""
            App.bindPhoneWithPlatform(number, function(result) {
                page.finished(result)
                // The platform's key changed under us: the session is renewed,
                // a second tap will work.
                if (result.code === "SESSION_KEY_EXPIRED")
                    page.message = qsTr("授权已过期，请再点一次")
            })
        }
    }
}
