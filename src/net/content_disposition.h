// The Content-Disposition header that offers a file under its own name
// (RFC 6266): an ASCII stand-in for old clients and the exact UTF-8 name,
// percent-encoded (RFC 5987). Pure.
#pragma once

#include <string>
#include <string_view>

namespace bluemeet::net {

// `<attachment|inline>; filename="<ASCII stand-in>"; filename*=UTF-8''<percent-encoded>`
std::string content_disposition(bool attachment, std::string_view file_name);

}  // namespace bluemeet::net
