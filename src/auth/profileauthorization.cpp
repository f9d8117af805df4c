#include "profileauthorization.h"

#include "authlog.h"

namespace mall::auth {

ProfileAuthorization::ProfileAuthorization(Session &session)
    : m_session(session)
{}

void ProfileAuthorization::authorize(const QString &nickname, const QString &avatarUrl, int gender,
                                     Session::Done done)
{
    if (nickname.trimmed().isEmpty())
        return done(localFailure(QStringLiteral("BAD_REQUEST"), QStringLiteral("请输入昵称")));
    m_session.ensureSessionKey([this, nickname, avatarUrl, gender,
                                done = std::move(done)](bool ok, const api::ApiResult &why) {
        if (!ok)
            return done(why);
        m_session.platform().userProfile(
            nickname.trimmed(), avatarUrl, gender, [this, done](const api::ApiResult &profile) {
                if (!profile.ok())
                    return done(profile);
                m_session.api().call(
                    "POST", QStringLiteral("/api/user/profile"),
                    QJsonObject{{QLatin1String("rawData"),
                                 profile.object().value(QLatin1String("rawData"))},
                                {QLatin1String("signature"),
                                 profile.object().value(QLatin1String("signature"))}},
                    [this, done](const api::ApiResult &result) {
                        if (result.ok()) {
                            m_session.acceptUser(result.object());
                            return done(result);
                        }
                        if (result.code != u"SESSION_KEY_EXPIRED")
                            return done(result);
                        qCInfo(lcAuth, "profile refused for a stale key: renewing it");
                        m_session.silentLogin(
                            [done, result](const api::ApiResult &) { done(result); });
                    });
            });
    });
}

} // namespace mall::auth
