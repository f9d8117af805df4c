import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import Mall

// The window. Its first frame is LaunchSketch, which needs nothing but the
// window; AppShell sets `started` once the backend and the client are up,
// and the pages (AppContent) are built then, behind the sketch, which goes
// when they are ready. They are built in one go, not asynchronously: an
// incubated TabsPage lets its TabBar pass through every index while its
// buttons arrive, which builds all four lazy tabs.
ApplicationWindow {
    id: window
    width: 420
    height: 860
    minimumWidth: 360
    minimumHeight: 560
    visible: true
    title: qsTr("商城")
    color: Theme.background

    Material.theme: Material.Light
    Material.primary: Theme.brand
    Material.accent: Theme.brand


    font.family: Theme.fontFamily

    property bool started: false
    readonly property bool pagesFailed: content.status === Loader.Error

    // For the screenshot tool and UI tests: open a page by name.
    function openPage(page, properties) {
        return content.item ? content.item.openPage(page, properties) : null
    }
    function goBack() {
        if (content.item)
            content.item.goBack()
    }

    Loader {
        id: content
        anchors.fill: parent
        active: window.started
        source: "AppContent.qml"
    }

    LaunchSketch {
        objectName: "launchSketch"
        anchors.fill: parent
        visible: content.status !== Loader.Ready
    }
}
