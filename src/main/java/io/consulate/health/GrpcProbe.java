package io.consulate.health;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The standard gRPC health check, {@code grpc.health.v1.Health/Check}, spoken directly over HTTP/2: the request
 * and response are one-field protobuf messages, so a gRPC library would add far more than it saves. SERVING is
 * passing; any other status, a non-zero {@code grpc-status} or no answer is critical. Target: host:port[/service].
 */
final class GrpcProbe implements Probe {
  private static final int SERVING = 1;
  private final HttpClient client;
  private final String host;
  private final int port;
  private final String service;
  private final boolean tls;
  private final Duration timeout;

  GrpcProbe(HttpClient client, String target, boolean tls, Duration timeout) {
    this.client = client;
    int slash = target.indexOf('/');
    var addr = Probes.hostPort(slash < 0 ? target : target.substring(0, slash));
    this.host = addr.host();
    this.port = addr.port();
    this.service = slash < 0 ? "" : target.substring(slash + 1);
    this.tls = tls;
    this.timeout = timeout;
  }

  @Override
  public Future<CheckResult> run() {
    String what = "gRPC " + host + ":" + port + (service.isEmpty() ? "" : "/" + service);
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost(host).setPort(port).setSsl(tls)
        .setURI("/grpc.health.v1.Health/Check").setTimeout(timeout.toMillis())
        .putHeader("content-type", "application/grpc").putHeader("te", "trailers");
    return client.request(options)
        .compose(req -> req.send(frame(request(service))))
        .compose(res -> res.body().map(body -> {
          String grpcStatus = res.getTrailer("grpc-status") != null ? res.getTrailer("grpc-status") : res.getHeader("grpc-status");
          if (grpcStatus != null && !grpcStatus.equals("0")) {
            String message = res.getTrailer("grpc-message");
            return CheckResult.critical(what + ": rpc error: code = " + grpcStatus + (message == null ? "" : " desc = " + message));
          }
          int status = servingStatus(body);
          return status == SERVING ? CheckResult.passing(what + ": status SERVING")
              : CheckResult.critical(what + ": status " + statusName(status));
        }))
        .otherwise(err -> CheckResult.critical(what + ": " + Probes.describe(err)));
  }

  /** HealthCheckRequest { string service = 1; } */
  private static Buffer request(String service) {
    byte[] name = service.getBytes(StandardCharsets.UTF_8);
    Buffer msg = Buffer.buffer();
    if (name.length > 0) {
      msg.appendByte((byte) 0x0a);
      writeVarint(msg, name.length);
      msg.appendBytes(name);
    }
    return msg;
  }

  /** gRPC length-prefixed message: uncompressed flag, 4-byte big-endian length, message. */
  private static Buffer frame(Buffer message) {
    return Buffer.buffer().appendByte((byte) 0).appendInt(message.length()).appendBuffer(message);
  }

  /** HealthCheckResponse { ServingStatus status = 1; }: field 1 varint; absent means UNKNOWN (0). */
  static int servingStatus(Buffer body) {
    if (body.length() < 5) return 0;
    int end = 5 + body.getInt(1);
    int i = 5;
    while (i < Math.min(end, body.length())) {
      int key = body.getByte(i++) & 0xff;
      if (key == 0x08) return (int) readVarint(body, i);
      break;
    }
    return 0;
  }

  private static String statusName(int status) {
    switch (status) {
      case 2: return "NOT_SERVING";
      case 3: return "SERVICE_UNKNOWN";
      default: return "UNKNOWN";
    }
  }

  private static void writeVarint(Buffer b, int value) {
    while ((value & ~0x7f) != 0) {
      b.appendByte((byte) ((value & 0x7f) | 0x80));
      value >>>= 7;
    }
    b.appendByte((byte) value);
  }

  private static long readVarint(Buffer b, int at) {
    long result = 0;
    for (int shift = 0; shift < 64 && at < b.length(); shift += 7) {
      byte x = b.getByte(at++);
      result |= (long) (x & 0x7f) << shift;
      if ((x & 0x80) == 0) break;
    }
    return result;
  }
}
