package io.consulate.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/**
 * A reply of raw bytes ({@code GET /v1/kv/<key>?raw}): sent as-is with Consul's headers that keep browsers
 * from sniffing or running a stored value.
 */
record RawBody(byte[] bytes) {
  void write(HttpServerResponse res) {
    res.putHeader("Content-Type", "text/plain").putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Content-Security-Policy", "sandbox").end(Buffer.buffer(bytes));
  }
}
