// The portal's schema, on SQLite or PostgreSQL (store/store.h). Versioned:
// a migration once released is never edited; changes come as new ones.
#pragma once

#include <vector>

#include "store/store.h"

namespace bluemeet::portal::db {

const std::vector<store::Migration>& portal_migrations();

}  // namespace bluemeet::portal::db
