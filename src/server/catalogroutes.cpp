#include "routes.h"

namespace mall::server {

// Placeholder: the handlers arrive with issue 5.
void registerCatalogRoutes(Router &, ServerContext &) {}

} // namespace mall::server
