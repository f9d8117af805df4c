#pragma once

#include "requestauth.h"
#include "router.h"
#include "servercontext.h"

namespace mall::server {

using ContextHandler = ApiResponse (*)(ServerContext &, const ApiRequest &);

// Adapts a plain handler function to the router's signature.
inline Router::Handler withContext(ServerContext &context, ContextHandler handler)
{
    return [&context, handler](const ApiRequest &request) { return handler(context, request); };
}

using UserHandler = ApiResponse (*)(ServerContext &, const ApiRequest &, const AuthedUser &);

// For endpoints that need a signed-in user at `minimumStep` or above: the
// token is checked (and AUTH_FAIL, NEED_MEMBER or NEED_MEMBER_INFO answered)
// before the handler runs, so no handler can forget it.
inline Router::Handler withUser(ServerContext &context, int minimumStep, UserHandler handler)
{
    return [&context, minimumStep, handler](const ApiRequest &request) {
        auto authed = requireUser(context, request, minimumStep);
        if (auto *failure = std::get_if<ApiResponse>(&authed))
            return *failure;
        return handler(context, request, std::get<AuthedUser>(authed));
    };
}

// Each area of the protocol registers its handlers here.
void registerAuthRoutes(Router &router, ServerContext &context);
void registerUserRoutes(Router &router, ServerContext &context);
void registerPlatformRoutes(Router &router, ServerContext &context);
void registerOAuthRoutes(Router &router, ServerContext &context);
void registerDevRoutes(Router &router, ServerContext &context);
// The mall (issue 5).
void registerCatalogRoutes(Router &router, ServerContext &context);
void registerCartRoutes(Router &router, ServerContext &context);
void registerFavoriteRoutes(Router &router, ServerContext &context);
void registerAddressRoutes(Router &router, ServerContext &context);
void registerCouponRoutes(Router &router, ServerContext &context);
void registerOrderRoutes(Router &router, ServerContext &context);
void registerReviewRoutes(Router &router, ServerContext &context);
void registerTelemetryRoutes(Router &router, ServerContext &context);

} // namespace mall::server
