import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Mall

// The QA drawer (dev mode): the session right now, and controls to break it.
Item {
    anchors.fill: parent
    RoundButton {
        objectName: "qaButton"
        // Half out at the right edge, mid-height: clear of every page's buttons.
        anchors.right: parent.right
        anchors.rightMargin: -width / 3
        anchors.verticalCenter: parent.verticalCenter
        text: "QA"
        font.pixelSize: 11
        opacity: 0.7
        // A flat tab of its own: the style's shadow is drawn through an
        // offscreen layer, some 0.5 MiB for a tool QA glances at.
        Material.foreground: "white"
        background: Rectangle {
            implicitWidth: 36
            implicitHeight: 36
            radius: width / 2
            color: parent.down ? "#263238" : "#455a64"
        }
        Accessible.name: qsTr("QA 面板")
        onClicked: {
            drawerLoader.active = true
            drawerLoader.item.drawer.open()
        }
    }
    // Built when first opened: a QA tool need not cost every start. (So the
    // first time it opens from the button, not by a swipe from the edge.)
    Loader {
        id: drawerLoader
        anchors.fill: parent
        active: false
        sourceComponent: drawerComponent
    }
    Component {
        id: drawerComponent
        Item {
            property alias drawer: drawer
            Drawer {
                id: drawer
                objectName: "qaDrawer"
                edge: Qt.RightEdge
                width: Math.min(340, parent.width * 0.9)
                height: parent.height
                QaPanel { id: qa; active: drawer.visible }
                Flickable {
                    anchors.fill: parent
                    contentHeight: panel.implicitHeight + 24
                    ColumnLayout {
                        id: panel
                        width: parent.width - 24
                        x: 12
                        y: 12
                        spacing: 8
                        Label { text: qsTr("QA 面板"); font.pixelSize: 18; font.bold: true }
                        GridLayout {
                            columns: 2
                            columnSpacing: 16
                            Label { text: qsTr("阶段") }
                            Label { objectName: "qaStep"; text: ["-", qsTr("游客"), qsTr("会员"), qsTr("会员信息")][App.authStep] || "-" }
                            Label { text: "access" }
                            Label { objectName: "qaAccess"; text: qa.accessToken; font.family: "monospace" }
                            Label { text: qsTr("过期") }
                            Label { text: qa.expiresIn }
                            Label { text: "refresh" }
                            Label { text: qa.refreshToken; font.family: "monospace" }
                            Label { text: qsTr("刷新次数") }
                            Label { objectName: "qaRefreshCount"; text: qa.refreshCount }
                            Label { text: qsTr("挂起请求") }
                            Label { objectName: "qaHeldCount"; text: qa.heldCount }
                            Label { text: qsTr("鉴权失败方式") }
                            Label { text: qa.authFailStyle }
                        }
                        Label { text: qsTr("让凭证失效"); font.bold: true }
                        RowLayout {
                            Button { objectName: "qaExpireAccess"; text: "access"; onClicked: qa.expire("access") }
                            Button { objectName: "qaExpireRefresh"; text: "refresh"; onClicked: qa.expire("refresh") }
                            Button { objectName: "qaExpireSessionKey"; text: "session key"; onClicked: qa.expire("sessionKey") }
                        }
                        Label { text: qsTr("注入故障"); font.bold: true }
                        TextField { id: faultPath; objectName: "qaFaultPath"; Layout.fillWidth: true; text: "/api/" }
                        RowLayout {
                            Label { text: qsTr("次数") }
                            SpinBox {
                                id: faultCount
                                from: 1
                                to: 100
                                value: 3
                                // Material sets the number 4 px above the
                                // middle of its − and + (8 over, 16 under).
                                topPadding: 12
                                bottomPadding: 12
                            }
                        }
                        RowLayout {
                            Button { objectName: "qaFault5xx"; text: "5xx"; onClicked: qa.injectFault(faultPath.text, "5xx", faultCount.value) }
                            Button { objectName: "qaFaultDrop"; text: "drop"; onClicked: qa.injectFault(faultPath.text, "drop", faultCount.value) }
                            Button { objectName: "qaFaultDelay"; text: "delay"; onClicked: qa.injectFault(faultPath.text, "delay", faultCount.value) }
                        }
                        Button { text: qsTr("清除故障"); onClicked: qa.clearFaults() }
                        Label { text: qsTr("鉴权失败方式"); font.bold: true }
                        RowLayout {
                            Repeater {
                                model: ["401", "403", "body"]
                                Button { objectName: "qaStyle_" + modelData; text: modelData; onClicked: qa.setAuthFailStyle(modelData) }
                            }
                        }
                        Button { objectName: "qaReset"; Layout.fillWidth: true; text: qsTr("重置为新游客"); onClicked: qa.resetToNewGuest() }
                        Label { Layout.fillWidth: true; text: qa.lastAction; color: Theme.secondaryText; wrapMode: Text.Wrap }
                    }
                }
            }
        }
    }
}
