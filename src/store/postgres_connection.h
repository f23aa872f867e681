// The PostgreSQL backend (libpq), for several gateways sharing one database.
//
// - `?` placeholders become $1..$n (see placeholders.h); parameters travel as
//   text and the server infers their types, so write CAST(? AS BIGINT) where
//   the context does not fix a type (e.g. `? IS NULL`).
// - Result columns map by type: smallint/integer/bigint -> int64,
//   real/double precision/numeric -> double, boolean -> int64 0/1, anything
//   else -> text.
// - SQLSTATE class 23 (integrity constraint violation) is
//   StoreError{constraint=true}.
// - Each SQL text is prepared once per session and reused.
// - Outside a transaction, a connection found dead before a statement (server
//   restarted, backend terminated) is re-established first, so a gateway
//   recovers by itself. A statement that fails because the connection died
//   while it ran is NOT retried (it may have been executed); it throws, and
//   the next statement reconnects. Inside a transaction nothing reconnects:
//   the transaction is lost and its statements fail until rollback().
// - Error messages never contain the password from the URL.
#pragma once

#include <memory>
#include <string>

#include "store/connection.h"

namespace bluemeet::store {

// url: "postgresql://user:pass@host:port/db?param=..." as libpq accepts it.
// Throws StoreError when the server cannot be reached or refuses us.
std::unique_ptr<Connection> open_postgres_connection(const std::string& url);

}  // namespace bluemeet::store
