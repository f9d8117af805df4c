#pragma once

#include "apirequest.h"
#include "apiresponse.h"
#include "servercontext.h"

#include <optional>
#include <variant>

namespace mall::server {

struct AuthedUser
{
    Principal principal;
    User user; // read now, so its step is current even if the token's is not
};

// The one place that decides "this request's token is no good" and answers
// in the configured auth-fail style.
ApiResponse authFailure(ServerContext &context, const ApiRequest &request);

// A valid bearer token of a user at `minimumStep` or above; otherwise the
// answer to send (AUTH_FAIL, NEED_MEMBER or NEED_MEMBER_INFO).
std::variant<AuthedUser, ApiResponse> requireUser(ServerContext &context, const ApiRequest &request,
                                                  int minimumStep);

// For endpoints where a token is optional (phone-login): no Authorization
// header gives nullopt; a header with a bad token is still an auth failure.
std::variant<std::optional<AuthedUser>, ApiResponse> optionalUser(ServerContext &context,
                                                                  const ApiRequest &request);

// The principal of a valid bearer token, if any, without counting or
// answering a failure (logout works with an expired access token).
std::optional<Principal> presentedPrincipal(ServerContext &context, const ApiRequest &request);

} // namespace mall::server
