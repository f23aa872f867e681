// What handlers see of HTTP: plain structs, no Beast types, so that protocol
// code compiles fast and can be tested without sockets.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace bluemeet::net {

enum class Method { get, head, post, put, patch, del, options, other };

struct HttpRequest {
  Method method = Method::get;
  std::string target;  // as received: path + optional '?' + raw query
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::string body;
  // A body the server streamed to a file instead (HttpServer::set_body_router):
  // its path, size and SHA-256 in hex. The file is removed after the handler
  // returns unless the handler moved it away.
  std::string body_file;
  std::uint64_t body_file_size = 0;
  std::string body_sha256;
  std::string remote_address;

  std::string_view path() const;   // target before '?'
  std::string_view query() const;  // raw bytes after '?', empty if none
  // First header with this (lower-case) name, or empty.
  std::string_view header(std::string_view lower_name) const;
  // The value of the first cookie with this name in the Cookie header, or empty.
  std::string_view cookie(std::string_view name) const;
  // The media type of Content-Type without parameters, lower-cased ("application/xml").
  std::string content_type() const;
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "text/xml;charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  // Instead of `body`: file_length bytes of this file from file_offset,
  // streamed from disk by the server (net/file_response.h makes these).
  std::string body_file;
  std::uint64_t file_offset = 0;
  std::uint64_t file_length = 0;

  static HttpResponse xml(std::string body);
  static HttpResponse json(std::string body);
  static HttpResponse text(int status, std::string body);
  static HttpResponse redirect(std::string location);  // 302
  HttpResponse& with_header(std::string name, std::string value);
};

std::string_view method_name(Method m);

}  // namespace bluemeet::net
