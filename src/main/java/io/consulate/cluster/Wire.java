package io.consulate.cluster;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The shared pieces of the forwarded request and reply encodings. */
final class Wire {
  private Wire() {}

  static void writeHeaders(DataOutputStream out, List<Map.Entry<String, String>> headers) throws IOException {
    out.writeShort(headers.size());
    for (Map.Entry<String, String> h : headers) {
      out.writeUTF(h.getKey());
      out.writeUTF(h.getValue());
    }
  }

  static List<Map.Entry<String, String>> readHeaders(DataInputStream in) throws IOException {
    int n = in.readUnsignedShort();
    List<Map.Entry<String, String>> headers = new ArrayList<>(n);
    for (int i = 0; i < n; i++) headers.add(Map.entry(in.readUTF(), in.readUTF()));
    return headers;
  }

  static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  static byte[] readBytes(DataInputStream in) throws IOException {
    byte[] bytes = new byte[in.readInt()];
    in.readFully(bytes);
    return bytes;
  }
}
