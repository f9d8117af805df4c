#pragma once

#include "apirequest.h"
#include "apiresponse.h"
#include "requestauth.h"
#include "servercontext.h"

#include <optional>

namespace mall::server {

// What every successful login does: open a family, count it, and answer with
// the token pair and the user. Call inside a Transaction.
ApiResponse answerLogin(ServerContext &context, const ApiRequest &request, qint64 uid,
                        const QString &openid);

// A verified phone for the caller. A guest caller (a token of step 1) keeps
// its uid when the phone is new, or joins the phone's account when it is
// known; its platform identity follows it either way, so a later silent login
// on that device finds the member. Returns the uid and the identity to open
// the new family with. Call inside a Transaction.
struct PhoneAccount
{
    qint64 uid = 0;
    QString openid;
};
PhoneAccount accountForPhone(ServerContext &context, const std::optional<AuthedUser> &caller,
                             const QString &phone);

ApiResponse badRequest(const ApiRequest &request, const QString &detail);
ApiResponse rateLimited(const ApiRequest &request, qint64 retryAfter);

} // namespace mall::server
