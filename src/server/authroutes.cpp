#include "bodyreader.h"
#include "loginflow.h"
#include "phonepayload.h"
#include "protocol/phonenumber.h"
#include "routes.h"

#include <QJsonObject>

namespace mall::server {

using protocol::ErrorCode;

namespace {

ApiResponse wxLogin(ServerContext &context, const ApiRequest &request)
{
    BodyReader body(request.body);
    const QString code = body.string("code", 256);
    if (!body.ok())
        return badRequest(request, body.error());

    const auto session = context.platform.exchangeCode(code.toUtf8());
    if (!session) {
        return ApiResponse::error(
            ErrorCode::BadCredentials,
            request.text("登录凭证无效或已使用", "The login code is invalid, expired or used"));
    }
    Transaction transaction(context.db);
    std::optional<qint64> uid = context.users.uidForOpenid(session->openid);
    if (!uid) {
        uid = context.users.createGuest(context.clock.now());
        context.users.linkIdentity(session->openid, *uid);
    }
    context.users.setIdentitySessionKey(session->openid, session->sessionKey);
    ApiResponse answer = answerLogin(context, request, *uid, session->openid);
    transaction.commit();
    return answer;
}

ApiResponse refresh(ServerContext &context, const ApiRequest &request)
{
    BodyReader body(request.body);
    const QString token = body.string("refreshToken", 512);
    if (!body.ok())
        return badRequest(request, body.error());

    const auto result = context.tokens.refresh(token.toUtf8());
    switch (result.outcome) {
    case TokenService::RefreshOutcome::Rotated: {
        const User user = context.users.find(result.uid).value_or(User{});
        return ApiResponse::ok(context.tokens.pairJson(result.pair, user.toJson(request.origin())));
    }
    case TokenService::RefreshOutcome::Reused:
        return ApiResponse::error(ErrorCode::RefreshReused,
                                  request.text("登录状态异常，请重新登录",
                                               "This session was ended for your safety; "
                                               "please log in again"));
    case TokenService::RefreshOutcome::Invalid:
        break;
    }
    return ApiResponse::error(ErrorCode::RefreshInvalid,
                              request.text("登录已过期", "Your login has expired"));
}

ApiResponse sendSms(ServerContext &context, const ApiRequest &request)
{
    BodyReader body(request.body);
    const QString phone = body.string("phone", 32);
    if (!body.ok())
        return badRequest(request, body.error());
    if (!protocol::isValidPhone(phone))
        return badRequest(request, request.text("手机号格式不正确", "Not a valid phone number"));

    const PhoneGuard::SendResult sent = context.phones.send(phone);
    if (!sent.sent)
        return rateLimited(request, sent.retryAfter);
    if (context.config.dev)
        context.smsOutbox.insert(phone, sent.code);
    return ApiResponse::ok(QJsonObject{{QLatin1String("cooldown"), PhoneGuard::kCooldown}});
}

// Checks an SMS code; nullopt when accepted, else the answer to send.
std::optional<ApiResponse> checkSmsCode(ServerContext &context, const ApiRequest &request,
                                        const QString &phone, const QString &code)
{
    const PhoneGuard::Check check = context.phones.verifyCode(phone, code);
    switch (check.verdict) {
    case PhoneGuard::Verdict::Accepted:
        return std::nullopt;
    case PhoneGuard::Verdict::Locked:
        return rateLimited(request, check.retryAfter);
    case PhoneGuard::Verdict::Wrong:
        break;
    }
    return ApiResponse::error(
        ErrorCode::BadCredentials,
        request.prefersEnglish()
            ? QStringLiteral("Wrong or expired code, %1 tries left").arg(check.triesLeft)
            : QStringLiteral("验证码错误或已过期，还可尝试 %1 次").arg(check.triesLeft));
}

std::optional<ApiResponse> checkPassword(ServerContext &context, const ApiRequest &request,
                                         const QString &phone, const QString &password)
{
    if (const qint64 locked = context.phones.lockedFor(phone))
        return rateLimited(request, locked);
    const std::optional<qint64> uid = context.users.uidForPhone(phone);
    const QByteArray stored = uid ? context.users.passwordHash(*uid) : QByteArray();
    // An unknown phone costs the same KDF run as a known one, so timing does
    // not tell which phones have accounts.
    static const QByteArray decoy =
        PasswordHasher(PasswordHasher::kDefaultIterations).hash(QStringLiteral("decoy"));
    const bool matches =
        context.passwords.verify(password, stored.isEmpty() ? decoy : stored) && !stored.isEmpty();
    if (matches) {
        context.phones.recordSuccess(phone);
        return std::nullopt;
    }
    const PhoneGuard::Check check = context.phones.recordFailure(phone);
    if (check.verdict == PhoneGuard::Verdict::Locked)
        return rateLimited(request, check.retryAfter);
    return ApiResponse::error(
        ErrorCode::BadCredentials,
        request.prefersEnglish()
            ? QStringLiteral("Wrong phone or password, %1 tries left").arg(check.triesLeft)
            : QStringLiteral("手机号或密码错误，还可尝试 %1 次").arg(check.triesLeft));
}

ApiResponse phoneLogin(ServerContext &context, const ApiRequest &request)
{
    BodyReader body(request.body);
    const QString phone = body.string("phone", 32);
    const std::optional<QString> smsCode = body.optionalString("smsCode", 16);
    const std::optional<QString> password = body.optionalString("password", 128);
    if (!body.ok())
        return badRequest(request, body.error());
    if (smsCode.has_value() == password.has_value())
        return badRequest(request,
                          QStringLiteral("give exactly one of \"smsCode\" and \"password\""));
    if (!protocol::isValidPhone(phone))
        return badRequest(request, request.text("手机号格式不正确", "Not a valid phone number"));

    auto caller = optionalUser(context, request);
    if (auto *failure = std::get_if<ApiResponse>(&caller))
        return *failure;

    Transaction transaction(context.db);
    const std::optional<ApiResponse> rejected =
        smsCode ? checkSmsCode(context, request, phone, *smsCode)
                : checkPassword(context, request, phone, *password);
    if (rejected) {
        transaction.commit(); // the failed try must count
        return *rejected;
    }
    const PhoneAccount account =
        accountForPhone(context, std::get<std::optional<AuthedUser>>(caller), phone);
    ApiResponse answer = answerLogin(context, request, account.uid, account.openid);
    transaction.commit();
    return answer;
}

ApiResponse bindPhone(ServerContext &context, const ApiRequest &request, const AuthedUser &me)
{
    BodyReader body(request.body);
    const std::optional<QString> encryptedData = body.optionalString("encryptedData", 8192);
    const std::optional<QString> iv = body.optionalString("iv", 64);
    const std::optional<QString> smsPhone = body.optionalString("phone", 32);
    const std::optional<QString> smsCode = body.optionalString("smsCode", 16);
    if (!body.ok())
        return badRequest(request, body.error());
    const bool platformProof = encryptedData && iv;
    const bool smsProof = smsPhone && smsCode;
    if (platformProof == smsProof) {
        return badRequest(request, QStringLiteral("give either \"encryptedData\" and \"iv\", or "
                                                  "\"phone\" and \"smsCode\""));
    }
    if (me.user.step() >= 2)
        return ApiResponse::error(ErrorCode::Conflict,
                                  request.text("已绑定手机号", "A phone is already bound"));

    Transaction transaction(context.db);
    QString phone;
    if (platformProof) {
        if (me.principal.openid.isEmpty())
            return badRequest(request, QStringLiteral("this session has no platform identity"));
        const auto decoded =
            decodePhonePayload(encryptedData->toLatin1(), iv->toLatin1(),
                               context.users.identitySessionKey(me.principal.openid),
                               context.config.appId, context.clock.now());
        if (const auto *error = std::get_if<PhonePayloadError>(&decoded)) {
            if (error->kind == PhonePayloadError::Kind::StaleKey) {
                return ApiResponse::error(ErrorCode::SessionKeyExpired,
                                          request.text("授权已过期，请再点一次",
                                                       "Authorization expired, please tap again"));
            }
            return badRequest(request, error->message);
        }
        phone = std::get<DecodedPhone>(decoded).phone;
    } else {
        if (!protocol::isValidPhone(*smsPhone))
            return badRequest(request,
                              request.text("手机号格式不正确", "Not a valid phone number"));
        if (auto rejected = checkSmsCode(context, request, *smsPhone, *smsCode)) {
            transaction.commit();
            return *rejected;
        }
        phone = *smsPhone;
    }
    const PhoneAccount account = accountForPhone(context, me, phone);
    ApiResponse answer = answerLogin(context, request, account.uid, account.openid);
    transaction.commit();
    return answer;
}

ApiResponse checkSession(ServerContext &context, const ApiRequest &, const AuthedUser &me)
{
    bool valid = context.config.checkSessionLies;
    if (!valid && !me.principal.openid.isEmpty()) {
        const QByteArray ours = context.users.identitySessionKey(me.principal.openid);
        valid = !ours.isEmpty() && ours == context.platform.currentSessionKey(me.principal.openid);
    }
    return ApiResponse::ok(QJsonObject{{QLatin1String("valid"), valid}});
}

ApiResponse logout(ServerContext &context, const ApiRequest &request)
{
    BodyReader body(request.body);
    const QString refreshToken = body.string("refreshToken", 512);
    if (!body.ok())
        return badRequest(request, body.error());
    // Logging out must work with an expired access token, so the refresh
    // token alone identifies the family; a valid bearer token ends its own too.
    Transaction transaction(context.db);
    QStringList families;
    if (const auto sid = context.tokens.familyOfRefreshToken(refreshToken.toUtf8()))
        families.append(*sid);
    if (const auto principal = presentedPrincipal(context, request))
        families.append(principal->sid);
    for (const QString &sid : families) {
        // The device's platform identity leaves a member's account, or the
        // next silent login on that device would log the member straight
        // back in. It starts over as a new guest.
        const auto family = context.tokens.family(sid);
        if (family && !family->openid.isEmpty()) {
            const auto user = context.users.find(family->uid);
            if (user && user->step() >= 2 &&
                context.users.uidForOpenid(family->openid) == family->uid)
                context.users.linkIdentity(family->openid,
                                           context.users.createGuest(context.clock.now()));
        }
        context.tokens.revokeFamily(sid);
    }
    transaction.commit();
    return ApiResponse::ok();
}

} // namespace

void registerAuthRoutes(Router &router, ServerContext &context)
{
    router.add("POST", QStringLiteral("/api/auth/wx-login"), withContext(context, wxLogin));
    router.add("POST", QStringLiteral("/api/auth/refresh"), withContext(context, refresh));
    router.add("POST", QStringLiteral("/api/auth/sms/send"), withContext(context, sendSms));
    router.add("POST", QStringLiteral("/api/auth/phone-login"), withContext(context, phoneLogin));
    router.add("POST", QStringLiteral("/api/auth/bind-phone"), withUser(context, 1, bindPhone));
    router.add("POST", QStringLiteral("/api/auth/check-session"),
               withUser(context, 1, checkSession));
    router.add("POST", QStringLiteral("/api/auth/logout"), withContext(context, logout));
}

} // namespace mall::server
