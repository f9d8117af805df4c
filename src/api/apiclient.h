#pragma once

#include "apiresult.h"

#include <QByteArray>
#include <QJsonObject>
#include <QNetworkRequest>
#include <QPointer>
#include <QUrl>

#include <functional>

class QNetworkAccessManager;

namespace mall::api {

// JSON calls against the API: builds the request, sends it through the
// application's network manager (so tokens, refresh and replay apply) and
// hands back an ApiResult. One request, one callback, always exactly once.
struct CallOptions
{
    bool skipAuth = false; // no token, never held (logins, refresh, the platform)
    QNetworkRequest::Priority priority = QNetworkRequest::NormalPriority;
    QByteArray idempotencyKey;
};

class ApiClient
{
public:
    using Options = CallOptions;
    using Callback = std::function<void(const ApiResult &)>;

    ApiClient(QNetworkAccessManager *manager, QUrl baseUrl);

    void call(const QByteArray &method, const QString &path, const QJsonObject &body, Callback done,
              const Options &options);
    void call(const QByteArray &method, const QString &path, const QJsonObject &body, Callback done)
    {
        call(method, path, body, std::move(done), Options());
    }
    void get(const QString &path, Callback done, const Options &options = Options())
    {
        call("GET", path, {}, std::move(done), options);
    }

    QUrl baseUrl() const { return m_baseUrl; }
    QNetworkAccessManager *manager() const { return m_manager; }
    // Accept-Language for every call ("zh-CN" or "en").
    void setLanguage(const QByteArray &language) { m_language = language; }

    // Turns a finished reply into an ApiResult (public for callers that send
    // their own requests).
    static ApiResult resultOf(QNetworkReply *reply);

private:
    QPointer<QNetworkAccessManager> m_manager;
    QUrl m_baseUrl;
    QByteArray m_language = QByteArrayLiteral("zh-CN");
};

} // namespace mall::api
