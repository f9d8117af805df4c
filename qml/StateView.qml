import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// What a list shows when it has no rows: loading, an error with retry, a
// login prompt, or "nothing here".
Item {
    id: state
    property bool loading: false
    property string error: ""
    property bool needsLogin: false
    property string emptyText: qsTr("这里还什么都没有")
    property bool empty: true
    signal retry()
    signal login()
    visible: loading || error !== "" || needsLogin || empty
    implicitHeight: 220

    BusyIndicator {
        objectName: "busyIndicator"
        anchors.centerIn: parent
        running: state.loading
        visible: state.loading
    }
    ColumnLayout {
        anchors.centerIn: parent
        spacing: 12
        visible: !state.loading
        Label {
            Layout.alignment: Qt.AlignHCenter
            color: Theme.secondaryText
            text: state.error !== "" ? state.error
                  : state.needsLogin ? qsTr("登录后查看")
                  : state.emptyText
        }
        Button {
            objectName: "retryButton"
            Layout.alignment: Qt.AlignHCenter
            visible: state.error !== ""
            text: qsTr("重试")
            onClicked: state.retry()
        }
        Button {
            objectName: "stateLoginButton"
            Layout.alignment: Qt.AlignHCenter
            visible: state.needsLogin && state.error === ""
            highlighted: true
            text: qsTr("去登录")
            onClicked: state.login()
        }
    }
}
