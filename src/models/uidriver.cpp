#include "uidriver.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTest>
#include <QThread>

namespace mall::models {

namespace {

QQuickItem *findVisible(QQuickItem *root, const QString &name)
{
    if (!root || !root->isVisible())
        return nullptr;
    if (root->objectName() == name)
        return root;
    const QList<QQuickItem *> children = root->childItems();
    // Later children are drawn on top: the page a user sees comes last.
    for (auto it = children.rbegin(); it != children.rend(); ++it) {
        if (QQuickItem *found = findVisible(*it, name))
            return found;
    }
    return nullptr;
}

} // namespace

UiDriver::UiDriver(QQuickWindow *window)
    : m_window(window)
{}

void UiDriver::settle(int ms)
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < ms) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
        QThread::msleep(2);
    }
}

QQuickItem *UiDriver::find(const QString &objectName) const
{
    return m_window ? findVisible(m_window->contentItem(), objectName) : nullptr;
}

QList<QQuickItem *> UiDriver::visibleItems(QQuickItem *root) const
{
    QList<QQuickItem *> seen;
    QList<QQuickItem *> todo{root ? root : m_window ? m_window->contentItem() : nullptr};
    while (!todo.isEmpty()) {
        QQuickItem *item = todo.takeFirst();
        if (!item || !item->isVisible() || item->opacity() == 0)
            continue;
        seen.append(item);
        todo += item->childItems();
    }
    return seen;
}

void UiDriver::scrollIntoView(QQuickItem *item) const
{
    // A user scrolls to a button before tapping it: move the nearest
    // Flickable so that the item sits in its middle.
    for (QQuickItem *parent = item->parentItem(); parent; parent = parent->parentItem()) {
        if (!parent->inherits("QQuickFlickable"))
            continue;
        auto *content = parent->property("contentItem").value<QQuickItem *>();
        if (!content)
            return;
        const qreal y = item->mapToItem(content, QPointF(0, item->height() / 2)).y();
        const qreal maxY =
            std::max<qreal>(0, parent->property("contentHeight").toReal() - parent->height());
        const qreal wanted = std::clamp<qreal>(y - parent->height() / 2, 0, maxY);
        if (qAbs(parent->property("contentY").toReal() - wanted) > 1) {
            parent->setProperty("contentY", wanted);
            settle(200);
        }
        return;
    }
}

bool UiDriver::tap(const QString &objectName)
{
    // A user waits a moment for a button that is still appearing or whose
    // page is still loading; a busy machine makes that moment longer.
    QQuickItem *item = nullptr;
    waitFor(
        [&] {
            item = find(objectName);
            return item && item->isEnabled();
        },
        1500);
    if (!item || !item->isEnabled())
        return false;
    // A user also waits for the screen to stop moving: a press during a
    // page or popup transition is lost (see isMoving). Transitions run in
    // frames, and a loaded machine draws fewer of them per second.
    waitFor([&] { return !isMoving(item); }, 5000);
    scrollIntoView(item);
    const QPointF centre = item->mapToScene(QPointF(item->width() / 2, item->height() / 2));
    QTest::mouseClick(m_window, Qt::LeftButton, {}, centre.toPoint());
    settle(50);
    return true;
}

bool UiDriver::isMoving(QQuickItem *item) const
{
    // A StackView in a transition filters its children's presses and eats them.
    for (QQuickItem *parent = item->parentItem(); parent; parent = parent->parentItem()) {
        if (parent->inherits("QQuickStackView") && parent->property("busy").toBool())
            return true;
    }
    // A popup (or its dimmed background) growing in or shrinking out. A
    // closing modal popup takes every press until its last animation ends,
    // even once it has faded to nothing (Material's scale outlasts its fade).
    for (QQuickItem *child : m_window->contentItem()->childItems()) {
        if (!child->inherits("QQuickOverlay"))
            continue;
        for (QQuickItem *layer : child->childItems()) {
            if (layer->isVisible() && (layer->opacity() < 1 || layer->scale() != 1))
                return true;
        }
    }
    return false;
}

bool UiDriver::type(const QString &objectName, const QString &text)
{
    QQuickItem *item = find(objectName);
    if (!item)
        return false;
    item->forceActiveFocus();
    // Through the input method path a user's keyboard takes, then checked.
    item->setProperty("text", QString());
    for (const QChar c : text) {
        QTest::sendKeyEvent(QTest::Click, m_window.data(), Qt::Key_unknown, QString(c),
                            Qt::NoModifier);
    }
    settle(30);
    if (item->property("text").toString() != text)
        item->setProperty("text", text); // a validator or IME refused a key
    return item->property("text").toString() == text;
}

QQuickItem *UiDriver::currentPage() const
{
    QQuickItem *stack = find(QStringLiteral("rootStack"));
    if (!stack || stack->property("busy").toBool())
        return nullptr;
    return stack->property("currentItem").value<QQuickItem *>();
}

int UiDriver::stackDepth() const
{
    QQuickItem *stack = find(QStringLiteral("rootStack"));
    return stack ? stack->property("depth").toInt() : 0;
}

QVariant UiDriver::openPage(const QString &page, const QVariantMap &properties)
{
    QVariant item;
    QMetaObject::invokeMethod(m_window, "openPage", Q_RETURN_ARG(QVariant, item),
                              Q_ARG(QVariant, page), Q_ARG(QVariant, properties));
    waitForStackToRest();
    return item;
}

void UiDriver::back()
{
    QMetaObject::invokeMethod(m_window, "goBack");
    waitForStackToRest();
}

void UiDriver::waitForStackToRest()
{
    // The transition starts on the next frame; then it runs for as many
    // frames as it needs, however long a loaded machine takes to draw them.
    settle(50);
    waitFor([this] { return currentPage() != nullptr; }, 5000);
}

} // namespace mall::models
