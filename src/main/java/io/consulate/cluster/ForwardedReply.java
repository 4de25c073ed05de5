package io.consulate.cluster;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** The answer to a {@link ForwardedRequest}: status, the headers to pass on ({@code X-Consul-*}, content type), body. */
public record ForwardedReply(int status, List<Map.Entry<String, String>> headers, byte[] body) {
  private static final byte VERSION = 1;

  public ForwardedReply {
    headers = List.copyOf(headers);
  }

  public byte[] encode() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + body.length);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      out.writeShort(status);
      Wire.writeHeaders(out, headers);
      Wire.writeBytes(out, body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  public static ForwardedReply decode(byte[] encoded) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
      in.readByte();
      return new ForwardedReply(in.readShort(), Wire.readHeaders(in), Wire.readBytes(in));
    } catch (IOException e) {
      throw new UncheckedIOException("malformed forwarded reply", e);
    }
  }
}
