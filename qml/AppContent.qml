import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Mall

// What the window shows once the app has started: tabs at the root of one
// navigation stack, login and pages pushed above them. Navigation follows
// App's signals: a guarded action that needs a login pushes the login page,
// and once the user is there the login page is popped, so it never stays
// behind in the history.
Item {
    id: content

    Component.onCompleted: Nav.stack = stack

    function openPage(page, properties) {
        return Nav.open(page, properties)
    }
    function goBack() {
        Nav.back()
    }

    // On a wide desktop window the shop keeps a readable width, centred.
    StackView {
        id: stack
        objectName: "rootStack"
        width: Math.min(parent.width, 1080)
        anchors.horizontalCenter: parent.horizontalCenter
        anchors.top: parent.top
        anchors.bottom: parent.bottom
        anchors.topMargin: keychainBanner.height
        initialItem: TabsPage {}
    }

    Component { id: loginPage; LoginPage {} }

    Connections {
        target: App
        function onAuthRequired(route, requiredStep, from) {
            if (route === 1) {
                if (!(stack.currentItem instanceof LoginPage))
                    stack.push(loginPage)
            } else {
                authPopup.active = true
                authPopup.item.open()
            }
        }
        function onResumed(from) {
            // Back to where the user was: the login page goes, it is not
            // left in the history.
            if (stack.currentItem instanceof LoginPage)
                stack.pop(StackView.Immediate)
            if (authPopup.item)
                authPopup.item.close()
        }
        function onAuthCancelled(from) {
            if (authPopup.item)
                authPopup.item.close()
        }
        function onSessionExpired() {
            toast.show(qsTr("登录已失效，请重新登录"))
            if (!(stack.currentItem instanceof LoginPage))
                stack.push(loginPage)
        }
        function onToast(message) { toast.show(message) }
        function onOffered(message, actionText) { toast.offer(message, actionText) }
        function onAlert(message) {
            alertDialog.active = true
            alertDialog.item.text = message
            alertDialog.item.open()
        }
    }

    // The popups and the banner are built when first needed: otherwise
    // every start lays out their text, and each Chinese character laid out
    // costs memory in the font (docs/benchmarks.md, startup).
    Loader {
        id: authPopup
        active: false
        sourceComponent: AuthPopup {
            parent: content
            anchors.centerIn: parent
            width: Math.min(parent.width - 32, 400)
        }
    }

    Toast {
        id: toast
        objectName: "toast"
        onActionTriggered: App.takeOffer()
        // Gone untapped, or replaced by a plain message.
        onClosed: App.dropOffer()
        onActionTextChanged: if (!actionText) App.dropOffer()
    }

    Loader {
        id: alertDialog
        active: false
        sourceComponent: Dialog {
            objectName: "alertDialog"
            property alias text: alertLabel.text
            parent: content
            anchors.centerIn: parent
            width: Math.min(parent.width - 48, 360)
            modal: true
            title: qsTr("提示")
            standardButtons: Dialog.Ok
            Label {
                id: alertLabel
                objectName: "alertText"
                width: parent.width
                wrapMode: Text.Wrap
            }
        }
    }

    // Said once: the keychain could not be used.
    Loader {
        id: keychainBanner
        property bool dismissed: false
        active: !App.keychainAvailable && !dismissed
        width: parent.width
        height: active && item ? item.implicitHeight : 0
        z: 10
        sourceComponent: Rectangle {
            objectName: "keychainBanner"
            implicitHeight: bannerText.implicitHeight + 20
            color: "#fff4e5"
            RowLayout {
                anchors.fill: parent
                anchors.margins: 10
                Label {
                    id: bannerText
                    Layout.fillWidth: true
                    wrapMode: Text.Wrap
                    color: "#8a4b00"
                    font.pixelSize: 13
                    text: qsTr("系统钥匙串不可用：登录状态只保留到退出应用")
                }
                ToolButton {
                    text: "✕"
                    Accessible.name: qsTr("关闭提示")
                    onClicked: keychainBanner.dismissed = true
                }
            }
        }
    }

    // QA tools, in dev mode only.
    Loader {
        anchors.fill: parent
        active: App.devMode
        sourceComponent: QaDrawer {}
    }
}
