package io.consulate.cluster;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * An HTTP API request carried to another agent (a server of another datacenter, or a client's server) to be
 * answered there as if it had been asked there: the token and every parameter, blocking ones included, travel
 * with it. Encoded as a version byte, then the fields; fields are only ever added.
 *
 * @param headers the request headers that matter to the answer (token, content type), in order
 */
public record ForwardedRequest(String method, String uri, List<Map.Entry<String, String>> headers, byte[] body) {
  private static final byte VERSION = 1;

  public ForwardedRequest {
    headers = List.copyOf(headers);
  }

  public byte[] encode() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + uri.length() + body.length);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      out.writeUTF(method);
      out.writeUTF(uri);
      Wire.writeHeaders(out, headers);
      Wire.writeBytes(out, body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  public static ForwardedRequest decode(byte[] encoded) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
      in.readByte(); // version 1 is the only one yet; later ones append fields
      return new ForwardedRequest(in.readUTF(), in.readUTF(), Wire.readHeaders(in), Wire.readBytes(in));
    } catch (IOException e) {
      throw new UncheckedIOException("malformed forwarded request", e);
    }
  }
}
