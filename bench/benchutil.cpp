#include "benchutil.h"

#include <QJsonDocument>
#include <QNetworkReply>
#include <QUuid>

#include <algorithm>

namespace bench {

void waitForReply(QNetworkReply *reply, int timeoutMs)
{
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    waitUntil(
        loop, [reply] { return reply->isFinished(); }, timeoutMs);
}

QJsonObject devGet(QNetworkAccessManager &manager, const QUrl &url)
{
    return devSend(manager, "GET", url);
}

QJsonObject devSend(QNetworkAccessManager &manager, const QByteArray &method, const QUrl &url,
                    const QJsonObject &body)
{
    QNetworkRequest request(url);
    QNetworkReply *reply = nullptr;
    if (method == "GET") {
        reply = manager.get(request);
    } else {
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/json"));
        reply = manager.sendCustomRequest(request, method, QJsonDocument(body).toJson());
    }
    waitForReply(reply);
    const QJsonObject data =
        QJsonDocument::fromJson(reply->readAll()).object().value(QLatin1String("data")).toObject();
    reply->deleteLater();
    return data;
}

std::unique_ptr<mall::auth::MallClient> loggedInClient(const QUrl &api)
{
    mall::auth::MallClient::Options options;
    options.network.apiOrigin = api;
    options.deviceId =
        QStringLiteral("bench-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    auto client = std::make_unique<mall::auth::MallClient>(std::move(options));
    bool done = false;
    QEventLoop loop;
    client->session().silentLogin([&](const mall::api::ApiResult &) {
        done = true;
        loop.quit();
    });
    waitUntil(
        loop, [&done] { return done; }, 10000);
    if (client->session().accessToken().isEmpty())
        return nullptr;
    return client;
}

double median(QList<double> values)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    const qsizetype middle = values.size() / 2;
    return values.size() % 2 ? values.at(middle)
                             : (values.at(middle - 1) + values.at(middle)) / 2.0;
}

} // namespace bench
