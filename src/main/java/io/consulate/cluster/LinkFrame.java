package io.consulate.cluster;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;
import java.util.function.BiConsumer;

/**
 * The frames of a client's link to a server, on one TCP connection: a 4-byte length (type byte and payload),
 * a type byte, the payload. Types are only ever added; a side skips a type it does not know.
 */
final class LinkFrame {
  /** Client to server: its member record (JSON) and how many log entries its mirror holds. */
  static final byte HELLO = 1;
  /** Client to server: request id (8 bytes), then an encoded command. */
  static final byte SUBMIT = 2;
  static final byte PING = 3;
  /** Client to server: it leaves on purpose. */
  static final byte LEAVE = 4;
  /** Client to server: request id, then a node name to force out. */
  static final byte FORCE_LEAVE = 5;
  /**
   * Client to server: request id, then a datacenter (2-byte length, UTF-8), a timeout in milliseconds (8 bytes) and
   * an encoded {@link ForwardedRequest} for a server of that datacenter; answered with the encoded reply.
   */
  static final byte FORWARD = 6;
  /** Server to client: a whole state. */
  static final byte SNAPSHOT = 10;
  /** Server to client: the next applied log entry. */
  static final byte ENTRY = 11;
  /** Server to client: the leader and the members (JSON), each second and when they change. */
  static final byte STATUS = 12;
  /** Server to client: request id, an outcome byte ({@link Outcome}), then the answer or the error message. */
  static final byte ANSWER = 13;

  /** The largest frame accepted: a whole state of a large datacenter fits. */
  static final int MAX_FRAME = 256 * 1024 * 1024;

  private LinkFrame() {}

  static Buffer of(byte type, byte[] payload) {
    return Buffer.buffer(5 + payload.length).appendInt(1 + payload.length).appendByte(type).appendBytes(payload);
  }

  static Buffer of(byte type, long id, byte[] payload) {
    return Buffer.buffer(13 + payload.length).appendInt(9 + payload.length).appendByte(type).appendLong(id)
        .appendBytes(payload);
  }

  static Buffer answer(long id, Outcome outcome, byte[] payload) {
    return Buffer.buffer(14 + payload.length).appendInt(10 + payload.length).appendByte(ANSWER).appendLong(id)
        .appendByte((byte) outcome.ordinal()).appendBytes(payload);
  }

  /** Splits the socket's bytes into frames: {@code handler} gets each frame's type and payload. */
  static void read(NetSocket socket, BiConsumer<Byte, Buffer> handler) {
    RecordParser parser = RecordParser.newFixed(4);
    int[] expecting = {-1};
    parser.handler(chunk -> {
      if (expecting[0] < 0) {
        int length = chunk.getInt(0);
        if (length < 1 || length > MAX_FRAME) {
          socket.close(); // not our protocol, or corrupted: the peer reconnects
          return;
        }
        expecting[0] = length;
        parser.fixedSizeMode(length);
      } else {
        expecting[0] = -1;
        parser.fixedSizeMode(4);
        handler.accept(chunk.getByte(0), chunk.slice(1, chunk.length()));
      }
    });
    socket.handler(parser);
  }

  /** How a forwarded write ended, for the client to raise the same exception the server saw. */
  enum Outcome {
    OK, NO_LEADER, LEADERSHIP_LOST, CLUSTER_ERROR, FAILED;

    static Outcome of(Throwable err) {
      if (err instanceof NoLeaderException) return NO_LEADER;
      if (err instanceof LeadershipLostException) return LEADERSHIP_LOST;
      if (err instanceof ClusterException) return CLUSTER_ERROR;
      return FAILED;
    }

    Throwable exception(String message) {
      return switch (this) {
        case NO_LEADER -> new NoLeaderException();
        case LEADERSHIP_LOST -> new LeadershipLostException();
        case CLUSTER_ERROR -> new ClusterException(message);
        default -> new IllegalStateException(message);
      };
    }
  }
}
