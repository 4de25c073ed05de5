package io.consulate.http;

import java.util.Map;

/**
 * A reply value with headers of its own that belong to the body (a page's total count): kept with the body
 * when {@link SnapshotReads} shares one rendering among requests, and set on every response that sends it.
 */
public record HeadedReply(Map<String, String> headers, Object body) {
  public HeadedReply {
    headers = Map.copyOf(headers);
  }
}
