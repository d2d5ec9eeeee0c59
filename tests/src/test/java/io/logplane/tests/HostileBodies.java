package io.logplane.tests;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** The hostile bodies of {@link HostileInputIT}: nesting, numbers and bytes no client should send. */
final class HostileBodies {

  private HostileBodies() {}

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** A ConfigMap whose {@code data} is {@code value} (written as is). */
  static String cm(String name, String data) {
    return "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name + "\"},\"data\":" + data
        + "}";
  }

  /** {@code value} inside {@code depth} objects or arrays. */
  static String nested(int depth, boolean arrays, String value) {
    return (arrays ? "[" : "{\"a\":").repeat(depth) + value + (arrays ? "]" : "}").repeat(depth);
  }

  /** A Deployment whose spec.replicas is the JSON text {@code replicas}. */
  static String deployment(String name, String replicas) {
    return "{\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{\"replicas\":" + replicas + ",\"selector\":"
        + "{\"matchLabels\":{\"app\":\"x\"}},\"template\":{\"metadata\":{\"labels\":{\"app\":\"x\"}},\"spec\":"
        + "{\"containers\":[{\"name\":\"c\",\"image\":\"i\"}]}}}}";
  }

  /** A Pod whose container's resources are the JSON text {@code resources}. */
  static String pod(String name, String resources) {
    return "{\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"i\","
        + "\"resources\":" + resources + "}]}}";
  }

  /** The bytes of {@code before}, then {@code raw}, then {@code after}: invalid UTF-8 in a body. */
  static byte[] splice(String before, byte[] raw, String after) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(utf8(before));
    out.writeBytes(raw);
    out.writeBytes(utf8(after));
    return out.toByteArray();
  }

  /** A protobuf ConfigMap whose raw object is an unknown group nested 100,000 deep. */
  static byte[] protobufNestedGroups() {
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    for (int i = 0; i < 100_000; i++) {
      varint(raw, 99 << 3 | 3);
    }
    for (int i = 0; i < 100_000; i++) {
      varint(raw, 99 << 3 | 4);
    }
    ByteArrayOutputStream typeMeta = new ByteArrayOutputStream();
    field(typeMeta, 1, utf8("v1"));
    field(typeMeta, 2, utf8("ConfigMap"));
    ByteArrayOutputStream unknown = new ByteArrayOutputStream();
    field(unknown, 1, typeMeta.toByteArray());
    field(unknown, 2, raw.toByteArray());
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(new byte[] {'k', '8', 's', 0});
    body.writeBytes(unknown.toByteArray());
    return body.toByteArray();
  }

  private static void field(ByteArrayOutputStream out, int number, byte[] bytes) {
    varint(out, number << 3 | 2);
    varint(out, bytes.length);
    out.writeBytes(bytes);
  }

  private static void varint(ByteArrayOutputStream out, int v) {
    while ((v & ~0x7f) != 0) {
      out.write((v & 0x7f) | 0x80);
      v >>>= 7;
    }
    out.write(v);
  }
}
