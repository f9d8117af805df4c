#pragma once

#include <QJSValue>
#include <QObject>
#include <QTimer>
#include <QtQml/qqmlregistration.h>

namespace mall::models {

class AppController;

// The QA drawer (dev mode): what the session looks like right now, and the
// server's /dev controls to break it on purpose. Tokens are shown masked.
class QaPanel : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString accessToken READ maskedAccess NOTIFY refreshed)
    Q_PROPERTY(QString refreshToken READ maskedRefresh NOTIFY refreshed)
    Q_PROPERTY(QString expiresIn READ expiresIn NOTIFY refreshed)
    Q_PROPERTY(int refreshCount READ refreshCount NOTIFY refreshed)
    Q_PROPERTY(int heldCount READ heldCount NOTIFY refreshed)
    Q_PROPERTY(QString authFailStyle READ authFailStyle NOTIFY refreshed)
    Q_PROPERTY(bool active READ active WRITE setActive NOTIFY activeChanged)
    Q_PROPERTY(QString lastAction READ lastAction NOTIFY refreshed)

public:
    explicit QaPanel(QObject *parent = nullptr);

    QString maskedAccess() const;
    QString maskedRefresh() const;
    QString expiresIn() const;
    int refreshCount() const;
    int heldCount() const;
    QString authFailStyle() const;
    bool active() const { return m_timer.isActive(); }
    void setActive(bool active);
    QString lastAction() const { return m_lastAction; }

    // what: "access" | "refresh" | "sessionKey" (this user's)
    Q_INVOKABLE void expire(const QString &what);
    // kind: "5xx" | "drop" | "delay"; the next `count` requests under `path`.
    Q_INVOKABLE void injectFault(const QString &path, const QString &kind, int count);
    Q_INVOKABLE void clearFaults();
    // Both ends at once: the server's answers and the client's reading of them.
    Q_INVOKABLE void setAuthFailStyle(const QString &style);
    Q_INVOKABLE void resetToNewGuest();

    static QString mask(const QByteArray &token);

signals:
    void refreshed();
    void activeChanged();

private:
    AppController *app() const;
    void devCall(const QByteArray &method, const QString &path, const QJsonObject &body,
                 const QString &description, std::function<void()> then = {});

    QTimer m_timer;
    QString m_lastAction;
};

} // namespace mall::models
