#pragma once

#include <QPointer>
#include <QQuickItem>
#include <QQuickWindow>
#include <QString>
#include <QVariantMap>

namespace mall::models {

// Drives the app's real QML as a user would, for the UI tests, the
// screenshot tool and QA automation (docs/testing.md): finds what is on
// screen by objectName, scrolls to it, taps it with real mouse events, types.
class UiDriver
{
public:
    explicit UiDriver(QQuickWindow *window);

    QQuickWindow *window() const { return m_window; }

    // The visible item of that name; the page on top wins when pages reuse names.
    QQuickItem *find(const QString &objectName) const;
    // `root` (the window's content by default) and every item under it a
    // user could see: visible and not fully transparent, nor under an item
    // that is not. Parents before their children.
    QList<QQuickItem *> visibleItems(QQuickItem *root = nullptr) const;
    // Taps the item once it is there and enabled (false if not within 1.5 s)
    // and nothing around it is moving.
    bool tap(const QString &objectName);
    bool type(const QString &objectName, const QString &text);
    // The root StackView's top page, once it has finished moving in
    // (null while a transition runs: taps then could hit the page below).
    QQuickItem *currentPage() const;
    int stackDepth() const;
    QVariant openPage(const QString &page, const QVariantMap &properties = {});
    void back();

    // Spins the event loop: for `ms`, or until `done` holds (false on timeout).
    static void settle(int ms);
    template <typename F> static bool waitFor(F done, int ms = 10000)
    {
        for (int waited = 0; !done() && waited < ms; waited += 20)
            settle(20);
        return done();
    }

private:
    void scrollIntoView(QQuickItem *item) const;
    // Whether a press on `item` now could be lost to a transition.
    bool isMoving(QQuickItem *item) const;
    void waitForStackToRest();

    QPointer<QQuickWindow> m_window;
};

} // namespace mall::models
