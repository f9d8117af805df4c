#include "routes.h"

namespace mall::server {

// Placeholder: the handlers arrive with issue 5.
void registerFavoriteRoutes(Router &, ServerContext &) {}

} // namespace mall::server
