#include "authguard.h"

#include "authlog.h"

namespace mall::auth {

AuthGuard::AuthGuard(Session &session, QObject *parent)
    : QObject(parent)
    , m_session(session)
{
    connect(&session, &Session::userChanged, this, &AuthGuard::onUserChanged);
    // A logout ends whatever the user was trying to do.
    connect(&session, &Session::loggedOut, this, &AuthGuard::cancel);
}

AuthGuard::Route AuthGuard::routeFor(int currentStep, int requiredStep)
{
    if (currentStep >= requiredStep)
        return Route::None;
    return currentStep < 2 ? Route::LoginPage : Route::ProfilePopup;
}

bool AuthGuard::mustAuth(int requiredStep, std::function<void()> action, const QString &from)
{
    const Route route = routeFor(m_session.authStep(), requiredStep);
    if (route == Route::None) {
        action();
        return true;
    }
    if (m_action)
        qCInfo(lcAuth, "a new guarded action replaces the pending one");
    m_action = std::move(action);
    m_requiredStep = requiredStep;
    m_from = from;
    m_lastRoute = route;
    emit pendingChanged();
    emit authRequired(route, requiredStep, from);
    return false;
}

bool AuthGuard::mustAuth(int requiredStep, const QJSValue &action, const QString &from)
{
    if (!action.isCallable()) {
        qCWarning(lcAuth, "mustAuth: the action is not a function");
        return false;
    }
    return mustAuth(
        requiredStep,
        [action]() mutable {
            const QJSValue result = action.call();
            if (result.isError())
                qCWarning(lcAuth).noquote() << "guarded action failed:" << result.toString();
        },
        from);
}

void AuthGuard::cancel()
{
    if (!m_action)
        return;
    m_action = {};
    const QString from = std::exchange(m_from, {});
    m_requiredStep = 0;
    m_lastRoute = Route::None;
    emit pendingChanged();
    emit cancelled(from);
}

void AuthGuard::onUserChanged()
{
    if (!m_action)
        return;
    const Route route = routeFor(m_session.authStep(), m_requiredStep);
    if (route == Route::None) {
        // Taken out before it runs: whatever it does, it runs exactly once.
        const std::function<void()> action = std::exchange(m_action, {});
        const QString from = std::exchange(m_from, {});
        m_requiredStep = 0;
        m_lastRoute = Route::None;
        emit pendingChanged();
        emit resumed(from);
        action();
        return;
    }
    if (route != m_lastRoute) {
        // One step done, another to go (a guest who needs member-info logged
        // in and now needs the profile popup).
        m_lastRoute = route;
        emit authRequired(route, m_requiredStep, m_from);
    }
}

} // namespace mall::auth
