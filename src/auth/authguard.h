#pragma once

#include "session.h"

#include <QJSValue>
#include <QObject>

#include <functional>

namespace mall::auth {

// The seeds' mustAuth: an action that needs the user at a given step runs
// now if they are there; otherwise the guard says where to send them (login
// page for a member, the authorization popup for member-info), remembers the
// action and where they came from, and runs it exactly once when they get
// there. If they back out, it is dropped. One pending action at a time: a
// new one replaces the old.
class AuthGuard : public QObject
{
    Q_OBJECT
    Q_PROPERTY(bool pending READ hasPending NOTIFY pendingChanged)
    Q_PROPERTY(int pendingStep READ pendingStep NOTIFY pendingChanged)
    Q_PROPERTY(QString pendingFrom READ pendingFrom NOTIFY pendingChanged)

public:
    enum class Route
    {
        None,         // nothing to do: the action ran
        LoginPage,    // phone login / binding (step 2)
        ProfilePopup, // profile authorization (step 3)
    };
    Q_ENUM(Route)

    explicit AuthGuard(Session &session, QObject *parent = nullptr);

    // True if `action` ran now. `from` names where the user was (a page), to
    // go back to once the action has run.
    bool mustAuth(int requiredStep, std::function<void()> action, const QString &from = {});
    Q_INVOKABLE bool mustAuth(int requiredStep, const QJSValue &action, const QString &from = {});
    // The user backed out of the login page or the popup.
    Q_INVOKABLE void cancel();

    bool hasPending() const { return bool(m_action); }
    int pendingStep() const { return m_action ? m_requiredStep : 0; }
    QString pendingFrom() const { return m_from; }

    // Where a user at `currentStep` must go to reach `requiredStep`.
    static Route routeFor(int currentStep, int requiredStep);

signals:
    // Send the user to `route` (the login page, or the popup).
    void authRequired(mall::auth::AuthGuard::Route route, int requiredStep, const QString &from);
    // The pending action has run: go back to `from` (the login page is
    // replaced, never left behind in the history).
    void resumed(const QString &from);
    void cancelled(const QString &from);
    void pendingChanged();

private:
    void onUserChanged();

    Session &m_session;
    std::function<void()> m_action;
    int m_requiredStep = 0;
    QString m_from;
    Route m_lastRoute = Route::None;
};

} // namespace mall::auth
