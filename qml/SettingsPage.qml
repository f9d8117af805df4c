import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Mall

// 设置: language, logout, about.
Page {
    objectName: "settingsPage"
    background: Rectangle { color: Theme.background }
    header: PageHeader { title: qsTr("设置"); onBack: Nav.back() }
    ColumnLayout {
        width: parent.width - 24
        x: 12
        y: 12
        spacing: 12
        Pane {
            Layout.fillWidth: true
            background: Rectangle { color: Theme.card; radius: Theme.radius }
            RowLayout {
                width: parent.width
                Label { text: qsTr("语言 / Language"); Layout.fillWidth: true }
                ComboBox {
                    objectName: "languageChooser"
                    model: [{ key: "zh", text: "中文" }, { key: "en", text: "English" }]
                    textRole: "text"
                    valueRole: "key"
                    currentIndex: App.language === "en" ? 1 : 0
                    onActivated: App.language = currentValue
                }
            }
        }
        Pane {
            Layout.fillWidth: true
            background: Rectangle { color: Theme.card; radius: Theme.radius }
            ColumnLayout {
                width: parent.width
                Label { text: qsTr("服务器：%1").arg(App.apiUrl); color: Theme.secondaryText; font.pixelSize: 12 }
                Label { text: App.keychainAvailable ? qsTr("登录状态保存在系统钥匙串") : qsTr("钥匙串不可用：登录状态只保留到退出"); color: Theme.secondaryText; font.pixelSize: 12 }
            }
        }
        Button {
            objectName: "logoutButton"
            Layout.fillWidth: true
            visible: App.authStep >= 2
            text: qsTr("退出登录")
            onClicked: App.logout(function() { App.toast(qsTr("已退出登录")); Nav.back() })
        }
    }
}
