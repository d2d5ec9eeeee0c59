package io.logplane.api.proto;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.MessageLite;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.Runtime;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Test helpers: wrap a message as kubectl does, and parse expected JSON. */
final class Envelopes {

  static final ObjectMapper MAPPER = new ObjectMapper();

  private Envelopes() {}

  /** The body kubectl sends: magic, then runtime.Unknown with the message as raw. */
  static byte[] wrap(String apiVersion, String kind, MessageLite message) {
    return wrap(Runtime.Unknown.newBuilder()
        .setTypeMeta(Runtime.TypeMeta.newBuilder().setApiVersion(apiVersion).setKind(kind))
        .setRaw(message.toByteString())
        .setContentEncoding("")
        .setContentType("")
        .build());
  }

  static byte[] wrap(Runtime.Unknown envelope) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {'k', '8', 's', 0});
    out.writeBytes(envelope.toByteArray());
    return out.toByteArray();
  }

  static ObjectNode json(String text) {
    try {
      return (ObjectNode) MAPPER.readTree(text.replace('\'', '"'));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Meta.ObjectMeta.Builder meta(String name) {
    return Meta.ObjectMeta.newBuilder().setName(name);
  }

  static ByteString bytes(String s) {
    return ByteString.copyFromUtf8(s);
  }

  static byte[] hex(String hex) {
    String h = hex.replaceAll("\\s", "");
    byte[] out = new byte[h.length() / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16);
    }
    return out;
  }
}
