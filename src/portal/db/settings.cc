#include "portal/db/settings.h"

namespace bluemeet::portal::db {

std::map<std::string, std::string> load_settings(store::Connection& c) {
  std::map<std::string, std::string> out;
  for (const auto& r : c.query("SELECT key, value FROM site_settings")) out[r.text(0)] = r.text(1);
  return out;
}

void save_setting(store::Connection& c, const std::string& key, const std::string& value) {
  const std::vector<store::Value> p{key, value};
  c.exec("INSERT INTO site_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
         p);
}

}  // namespace bluemeet::portal::db
