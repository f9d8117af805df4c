import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Mall

// What a list shows when it has no rows: loading, an error with retry, a
// login prompt, or "nothing here".
//
// Every list has one, and most lists have rows, so each part is built only
// while it shows: a Material button brings an elevation layer and a ripple,
// a busy indicator its animations, all of it for nothing once rows arrive.
Item {
    id: view
    property bool loading: false
    property string error: ""
    property bool needsLogin: false
    property string emptyText: qsTr("这里还什么都没有")
    property bool empty: true
    // Where the login prompt was tapped, for the guard (mustAuth's `from`).
    property string authFrom
    signal retry()
    visible: loading || error !== "" || needsLogin || empty
    implicitHeight: 220

    Loader {
        anchors.centerIn: parent
        active: view.visible && view.loading
        sourceComponent: BusyIndicator {
            objectName: "busyIndicator"
            running: true
        }
    }
    Loader {
        anchors.centerIn: parent
        active: view.visible && !view.loading
        sourceComponent: ColumnLayout {
            spacing: 12
            Label {
                Layout.alignment: Qt.AlignHCenter
                color: Theme.secondaryText
                text: view.error !== "" ? view.error
                      : view.needsLogin ? qsTr("登录后查看")
                      : view.emptyText
            }
            Loader {
                Layout.alignment: Qt.AlignHCenter
                active: view.error !== ""
                visible: active
                sourceComponent: Button {
                    objectName: "retryButton"
                    text: qsTr("重试")
                    onClicked: view.retry()
                }
            }
            Loader {
                Layout.alignment: Qt.AlignHCenter
                active: view.needsLogin && view.error === ""
                visible: active
                sourceComponent: Button {
                    objectName: "stateLoginButton"
                    highlighted: true
                    text: qsTr("去登录")
                    // Lists need a member. Once the user is one, the list
                    // reloads by itself (RemoteListModel, on userChanged).
                    onClicked: App.mustAuth(2, function() {}, view.authFrom)
                }
            }
        }
    }
}
