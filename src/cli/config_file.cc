#include "cli/config_file.h"

#include <cstdlib>
#include <map>
#include <sstream>
#include <stdexcept>
#include <toml++/toml.h>

namespace bluemeet::cli {
namespace {

std::string env_name(const std::string& option) {
  std::string env = "BLUEMEET_";
  for (char c : option) env += c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return env;
}

bool given_on_command_line(const std::vector<std::string>& argv, const std::string& name) {
  for (const auto& a : argv)
    if (a == "--" + name || a.starts_with("--" + name + "=") || a == "--no-" + name) return true;
  return false;
}

// Flags for one TOML value: strings and numbers as --name=value, booleans as
// --name / --no-name, arrays as one flag per element.
void append_flags(std::vector<std::string>& out, const std::string& name, const toml::node& value) {
  if (auto b = value.value<bool>(); value.is_boolean() && b) {
    out.push_back(*b ? "--" + name : "--no-" + name);
  } else if (value.is_string()) {
    out.push_back("--" + name + "=" + *value.value<std::string>());
  } else if (value.is_integer()) {
    out.push_back("--" + name + "=" + std::to_string(*value.value<std::int64_t>()));
  } else if (value.is_floating_point()) {
    std::ostringstream s;
    s << *value.value<double>();
    out.push_back("--" + name + "=" + s.str());
  } else if (const auto* arr = value.as_array()) {
    for (const auto& e : *arr) append_flags(out, name, e);
  } else {
    throw std::runtime_error("configuration key '" + name + "' has a value of a kind options cannot take");
  }
}

}  // namespace

std::vector<std::string> expand_config_file(const std::vector<std::string>& argv) {
  // argv[0] is the program, argv[1] the subcommand (if any).
  if (argv.size() < 2 || argv[1].starts_with("-")) return argv;
  std::string file;
  for (std::size_t i = 2; i < argv.size(); ++i) {
    if (argv[i] == "--config" && i + 1 < argv.size()) file = argv[i + 1];
    else if (argv[i].starts_with("--config=")) file = argv[i].substr(9);
  }
  if (file.empty())
    if (const char* e = std::getenv("BLUEMEET_CONFIG")) file = e;
  if (file.empty()) return argv;

  toml::table doc;
  try {
    doc = toml::parse_file(file);
  } catch (const toml::parse_error& err) {
    std::ostringstream msg;
    msg << file << ":" << err.source().begin.line << ": " << err.description();
    throw std::runtime_error(msg.str());
  }
  std::map<std::string, const toml::node*> settings;
  const std::string& command = argv[1];
  for (const auto& [key, value] : doc)
    if (!value.is_table()) settings[std::string(key.str())] = &value;
  if (const auto* section = doc[command].as_table())
    for (const auto& [key, value] : *section) settings[std::string(key.str())] = &value;

  std::vector<std::string> out(argv.begin(), argv.begin() + 2);
  for (const auto& [name, value] : settings) {
    if (name == "config" || given_on_command_line(argv, name) || std::getenv(env_name(name).c_str())) continue;
    append_flags(out, name, *value);
  }
  out.insert(out.end(), argv.begin() + 2, argv.end());
  return out;
}

}  // namespace bluemeet::cli
