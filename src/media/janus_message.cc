#include "media/janus_message.h"

#include <boost/json/parse.hpp>

namespace json = boost::json;

namespace bluemeet::media {
namespace {

std::string string_member(const json::object& o, std::string_view key) {
  auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

std::optional<long long> int_member(const json::object& o, std::string_view key) {
  auto* v = o.if_contains(key);
  if (!v) return std::nullopt;
  if (v->is_int64()) return v->get_int64();
  if (v->is_uint64()) return static_cast<long long>(v->get_uint64());
  return std::nullopt;
}

}  // namespace

JanusError::JanusError(Kind kind, int code, const std::string& reason)
    : std::runtime_error(code ? "janus error " + std::to_string(code) + ": " + reason : "janus: " + reason),
      kind_(kind),
      code_(code),
      reason_(reason) {}

std::uint64_t json_id(const json::object& object, std::string_view key) {
  auto* v = object.if_contains(key);
  if (!v) return 0;
  if (v->is_uint64()) return v->get_uint64();
  if (v->is_int64() && v->get_int64() > 0) return static_cast<std::uint64_t>(v->get_int64());
  return 0;
}

std::optional<JanusMessage> parse_janus_message(std::string_view text) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_object()) return std::nullopt;
  auto& o = v.get_object();
  auto* verb = o.if_contains("janus");
  if (!verb || !verb->is_string()) return std::nullopt;

  JanusMessage m;
  m.janus = std::string(verb->get_string());
  m.transaction = string_member(o, "transaction");
  m.session_id = json_id(o, "session_id");
  m.sender = json_id(o, "sender");
  if (auto* pd = o.if_contains("plugindata"); pd && pd->is_object()) {
    m.plugin = string_member(pd->get_object(), "plugin");
    if (auto* d = pd->get_object().if_contains("data"); d && d->is_object()) m.plugin_data = d->get_object();
  }
  if (auto* j = o.if_contains("jsep"); j && j->is_object()) m.jsep = j->get_object();

  if (m.janus == "error") {
    JanusFailure f{JanusError::Kind::janus, 0, "unknown error"};
    if (auto* e = o.if_contains("error"); e && e->is_object()) {
      f.code = static_cast<int>(int_member(e->get_object(), "code").value_or(0));
      if (auto r = string_member(e->get_object(), "reason"); !r.empty()) f.reason = std::move(r);
    }
    m.failure = std::move(f);
  } else if (auto code = int_member(m.plugin_data, "error_code")) {
    auto reason = string_member(m.plugin_data, "error");
    m.failure = JanusFailure{JanusError::Kind::plugin, static_cast<int>(*code),
                             reason.empty() ? std::string("plugin error") : std::move(reason)};
  }
  m.raw = std::move(o);
  return m;
}

}  // namespace bluemeet::media
