// Site settings: a few named values an administrator changes.
#pragma once

#include <map>
#include <string>

#include "store/connection.h"

namespace bluemeet::portal::db {

std::map<std::string, std::string> load_settings(store::Connection& c);
void save_setting(store::Connection& c, const std::string& key, const std::string& value);

}  // namespace bluemeet::portal::db
