pragma Singleton
import QtQuick
import QtQuick.Controls

// Page navigation for views: one root StackView, set by AppContent.qml.
QtObject {
    property StackView stack: null
    function open(page, properties) {
        return stack.push(Qt.resolvedUrl(page + ".qml"), properties || {})
    }
    function replace(page, properties) {
        return stack.replace(Qt.resolvedUrl(page + ".qml"), properties || {})
    }
    function back() {
        if (stack.depth > 1)
            stack.pop()
    }
}
