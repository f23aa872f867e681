#include "store/database_url.h"

#include <cctype>
#include <vector>

namespace bluemeet::store {
namespace {

bool starts_with_scheme(std::string_view url) {
  std::size_t sep = url.find("://");
  if (sep == std::string_view::npos || sep == 0) return false;
  if (!std::isalpha(static_cast<unsigned char>(url[0]))) return false;
  for (std::size_t i = 1; i < sep; ++i) {
    unsigned char c = static_cast<unsigned char>(url[i]);
    if (!std::isalnum(c) && c != '+' && c != '-' && c != '.') return false;
  }
  return true;
}

// Drops every "password=..." parameter from a query string (without the '?').
std::string strip_password_param(std::string_view query) {
  std::string kept;
  while (!query.empty()) {
    std::size_t amp = query.find('&');
    std::string_view param = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
    if (param.substr(0, 9) == "password=" || param == "password") continue;
    if (!kept.empty()) kept += '&';
    kept.append(param);
  }
  return kept;
}

std::string percent_decode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out += static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

// The password as written in the URL: user-info and "password=" parameters.
std::vector<std::string_view> passwords_in(std::string_view url) {
  std::vector<std::string_view> found;
  std::size_t sep = url.find("://");
  if (sep == std::string_view::npos) return found;
  std::size_t auth_begin = sep + 3;
  std::size_t auth_end = url.find_first_of("/?#", auth_begin);
  if (auth_end == std::string_view::npos) auth_end = url.size();
  std::string_view authority = url.substr(auth_begin, auth_end - auth_begin);
  if (std::size_t at = authority.rfind('@'); at != std::string_view::npos) {
    std::string_view userinfo = authority.substr(0, at);
    if (std::size_t colon = userinfo.find(':'); colon != std::string_view::npos)
      found.push_back(userinfo.substr(colon + 1));
  }
  for (std::size_t p = url.find("password=", auth_end); p != std::string_view::npos;
       p = url.find("password=", p + 9)) {
    std::size_t begin = p + 9;
    found.push_back(url.substr(begin, url.find_first_of("&#", begin) - begin));
  }
  return found;
}

void replace_all(std::string& text, const std::string& needle) {
  if (needle.empty()) return;
  for (std::size_t p = text.find(needle); p != std::string::npos; p = text.find(needle, p + 3))
    text.replace(p, needle.size(), "***");
}

}  // namespace

std::string scrub_password(std::string text, std::string_view url) {
  for (std::string_view secret : passwords_in(url)) {
    replace_all(text, std::string(secret));
    replace_all(text, percent_decode(secret));
  }
  return text;
}

DatabaseUrl parse_database_url(std::string_view url) {
  if (url.empty()) throw StoreError("empty database URL");
  if (url.starts_with("postgresql://") || url.starts_with("postgres://"))
    return {Dialect::postgres, std::string(url)};
  if (url.starts_with("sqlite:")) {
    std::string_view path = url.substr(7);
    if (path.starts_with("//")) path.remove_prefix(2);  // "sqlite:///abs" -> "/abs"
    if (path.empty()) throw StoreError("database URL '" + std::string(url) + "' names no file");
    return {Dialect::sqlite, std::string(path)};
  }
  if (starts_with_scheme(url))
    throw StoreError("unsupported database URL '" + redact_password(url) +
                     "' (use sqlite:PATH or postgresql://...)");
  return {Dialect::sqlite, std::string(url)};
}

std::string redact_password(std::string_view url) {
  std::size_t sep = url.find("://");
  if (sep == std::string_view::npos) return std::string(url);
  std::size_t auth_begin = sep + 3;
  std::size_t auth_end = url.find_first_of("/?#", auth_begin);
  if (auth_end == std::string_view::npos) auth_end = url.size();

  std::string out(url.substr(0, auth_begin));
  std::string_view authority = url.substr(auth_begin, auth_end - auth_begin);
  // The last '@' ends the user-info: passwords may contain '@' unencoded.
  if (std::size_t at = authority.rfind('@'); at != std::string_view::npos) {
    std::string_view userinfo = authority.substr(0, at);
    out.append(userinfo.substr(0, userinfo.find(':')));
    out.append(authority.substr(at));
  } else {
    out.append(authority);
  }

  std::string_view rest = url.substr(auth_end);
  std::size_t q = rest.find('?');
  if (q == std::string_view::npos) return out.append(rest);
  out.append(rest.substr(0, q));
  std::size_t hash = rest.find('#', q);
  std::string_view query = rest.substr(q + 1, hash == std::string_view::npos ? hash : hash - q - 1);
  std::string kept = strip_password_param(query);
  if (!kept.empty()) out.append("?").append(kept);
  if (hash != std::string_view::npos) out.append(rest.substr(hash));
  return out;
}

}  // namespace bluemeet::store
