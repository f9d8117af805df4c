#include "qapanel.h"

#include "appcontroller.h"
#include "protocol/authfailstyle.h"

#include <QDateTime>

namespace mall::models {

QaPanel::QaPanel(QObject *parent)
    : QObject(parent)
{
    m_timer.setInterval(1000);
    connect(&m_timer, &QTimer::timeout, this, &QaPanel::refreshed);
}

AppController *QaPanel::app() const
{
    return AppController::instance();
}

void QaPanel::setActive(bool active)
{
    if (active == m_timer.isActive())
        return;
    active ? m_timer.start() : m_timer.stop();
    emit activeChanged();
    emit refreshed();
}

QString QaPanel::mask(const QByteArray &token)
{
    // Enough to tell two tokens apart, never enough to use one.
    if (token.size() < 16)
        return token.isEmpty() ? QStringLiteral("—") : QStringLiteral("****");
    return QString::fromLatin1(token.left(4)) + QStringLiteral("…") +
           QString::fromLatin1(token.right(4));
}

QString QaPanel::maskedAccess() const
{
    return app() ? mask(app()->client().session().accessToken()) : QString();
}

QString QaPanel::maskedRefresh() const
{
    return app() ? mask(app()->client().session().refreshToken()) : QString();
}

QString QaPanel::expiresIn() const
{
    if (!app())
        return {};
    const qint64 expiresAt = app()->client().gate().accessExpiresAt();
    if (expiresAt == 0)
        return QStringLiteral("—");
    const qint64 left = expiresAt - app()->client().gate().serverClock().serverNowSecs();
    return left > 0 ? tr("%1 秒后").arg(left) : tr("已过期");
}

int QaPanel::refreshCount() const
{
    return app() ? app()->client().gate().refreshCount() : 0;
}

int QaPanel::heldCount() const
{
    return app() ? app()->client().gate().heldCount() : 0;
}

QString QaPanel::authFailStyle() const
{
    return app() ? protocol::authFailStyleName(app()->client().gate().authFailStyle()) : QString();
}

void QaPanel::devCall(const QByteArray &method, const QString &path, const QJsonObject &body,
                      const QString &description, std::function<void()> then)
{
    api::CallOptions options;
    options.skipAuth = true;
    app()->api().call(
        method, path, body,
        [this, description, then = std::move(then)](const api::ApiResult &result) {
            m_lastAction =
                result.ok() ? description : description + QStringLiteral(": ") + result.message;
            if (result.ok() && then)
                then();
            emit refreshed();
        },
        options);
}

void QaPanel::expire(const QString &what)
{
    devCall("POST", QStringLiteral("/dev/expire"),
            QJsonObject{{QLatin1String("what"), what},
                        {QLatin1String("uid"), app()->client().session().uid()}},
            tr("已让 %1 失效").arg(what));
}

void QaPanel::injectFault(const QString &path, const QString &kind, int count)
{
    QJsonObject rule{{QLatin1String("path"), path}, {QLatin1String("count"), std::max(1, count)}};
    if (kind == QLatin1String("drop"))
        rule.insert(QLatin1String("drop"), true);
    else if (kind == QLatin1String("delay"))
        rule.insert(QLatin1String("delayMs"), 3000);
    else
        rule.insert(QLatin1String("status"), 503);
    devCall("POST", QStringLiteral("/dev/faults"), rule,
            tr("下 %1 个 %2 请求：%3").arg(count).arg(path, kind));
}

void QaPanel::clearFaults()
{
    devCall("DELETE", QStringLiteral("/dev/faults"), {}, tr("已清除故障"));
}

void QaPanel::setAuthFailStyle(const QString &style)
{
    const auto parsed = protocol::authFailStyleFromName(style);
    if (!parsed)
        return;
    devCall("POST", QStringLiteral("/dev/config"),
            QJsonObject{{QLatin1String("authFailStyle"), style}}, tr("鉴权失败方式：%1").arg(style),
            [this, parsed] { app()->client().gate().setAuthFailStyle(*parsed); });
}

void QaPanel::resetToNewGuest()
{
    devCall("POST", QStringLiteral("/dev/reset"), {}, tr("已重置为新游客"),
            [this] { app()->client().session().refreshLogin(); });
}

} // namespace mall::models
