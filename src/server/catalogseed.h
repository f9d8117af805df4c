#pragma once

#include "database.h"

namespace mall::server {

// Fills an empty catalog on first start: categories, goods, banners,
// coupons. Deterministic, so every fresh server has the same mall. Does
// nothing when goods exist. One transaction: all or nothing.
void seedCatalogIfEmpty(Database &database, qint64 now);

} // namespace mall::server
