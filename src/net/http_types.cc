#include "net/http_types.h"

#include "util/text.h"

namespace bluemeet::net {

std::string_view HttpRequest::path() const {
  auto q = target.find('?');
  return std::string_view(target).substr(0, q);
}

std::string_view HttpRequest::query() const {
  auto q = target.find('?');
  if (q == std::string::npos) return {};
  return std::string_view(target).substr(q + 1);
}

std::string_view HttpRequest::header(std::string_view name) const {
  for (const auto& [k, v] : headers)
    if (k == name) return v;
  return {};
}

std::string_view HttpRequest::cookie(std::string_view name) const {
  for (std::string_view rest = header("cookie"); !rest.empty();) {
    auto semi = rest.find(';');
    auto item = util::trim(rest.substr(0, semi));
    rest = semi == std::string_view::npos ? std::string_view{} : rest.substr(semi + 1);
    if (item.size() > name.size() && item.starts_with(name) && item[name.size()] == '=') return item.substr(name.size() + 1);
  }
  return {};
}

std::string HttpRequest::content_type() const {
  auto v = header("content-type");
  auto semi = v.find(';');
  return util::to_lower_ascii(util::trim(v.substr(0, semi)));
}

HttpResponse HttpResponse::xml(std::string body) {
  HttpResponse r;
  r.body = std::move(body);
  return r;
}

HttpResponse HttpResponse::json(std::string body) {
  HttpResponse r;
  r.content_type = "application/json";
  r.body = std::move(body);
  return r;
}

HttpResponse HttpResponse::text(int status, std::string body) {
  HttpResponse r;
  r.status = status;
  r.content_type = "text/plain;charset=utf-8";
  r.body = std::move(body);
  return r;
}

HttpResponse HttpResponse::redirect(std::string location) {
  HttpResponse r;
  r.status = 302;
  r.content_type.clear();
  r.headers.emplace_back("Location", std::move(location));
  return r;
}

HttpResponse& HttpResponse::with_header(std::string name, std::string value) {
  headers.emplace_back(std::move(name), std::move(value));
  return *this;
}

std::string_view method_name(Method m) {
  switch (m) {
    case Method::get: return "GET";
    case Method::head: return "HEAD";
    case Method::post: return "POST";
    case Method::put: return "PUT";
    case Method::del: return "DELETE";
    case Method::patch: return "PATCH";
    case Method::options: return "OPTIONS";
    case Method::other: return "OTHER";
  }
  return "OTHER";
}

}  // namespace bluemeet::net
