package io.logplane.api.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.CodedOutputStream;
import io.logplane.projections.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;

/**
 * The v2 document in protobuf, as kube-apiserver serves {@code /openapi/v2} to a client that asks
 * for {@code application/com.github.proto-openapi.spec.v2@v1.0+protobuf}: gnostic's
 * {@code openapi.v2.Document} message. kubectl asks for it, and only for it, when it validates
 * the items of a {@code kind: List} on the client; what it reads is the definitions (their
 * types, properties, items, additional properties, required fields and
 * {@code x-kubernetes-*} extensions), so those are what is encoded, with the swagger version and
 * info; paths, defaults and examples are left out. The field numbers are gnostic's
 * {@code OpenAPIv2.proto}. An extension's value is its JSON, which is YAML too, as gnostic's
 * {@code Any.yaml} holds it.
 */
final class V2Proto {

  /** As kube answers it: the version after a dot, since Go's media type parser refuses the "@" asked with. */
  static final String CONTENT_TYPE = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf";

  private V2Proto() {}

  static byte[] encode(byte[] v2Json) {
    JsonNode doc;
    try {
      doc = Json.MAPPER.readTree(v2Json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Message d = new Message();
    d.string(1, doc.path("swagger").asText("2.0"));
    Message info = new Message();
    info.string(1, doc.path("info").path("title").asText());
    info.string(2, doc.path("info").path("version").asText());
    d.message(2, info);
    Message definitions = new Message();
    doc.path("definitions").fields().forEachRemaining(e -> definitions.message(1, named(e.getKey(), e.getValue())));
    d.message(9, definitions);
    return d.bytes();
  }

  /** A NamedSchema: name 1, value 2. */
  private static Message named(String name, JsonNode schema) {
    Message m = new Message();
    m.string(1, name);
    m.message(2, schema(schema));
    return m;
  }

  private static Message schema(JsonNode s) {
    Message m = new Message();
    m.string(1, s.path("$ref").asText(""));
    m.string(2, s.path("format").asText(""));
    m.string(4, s.path("description").asText(""));
    for (JsonNode r : s.path("required")) {
      m.stringAlways(19, r.asText());
    }
    for (JsonNode e : s.path("enum")) {
      m.message(20, any(e));
    }
    JsonNode additional = s.get("additionalProperties");
    if (additional != null) {
      Message item = new Message();
      if (additional.isBoolean()) {
        item.bool(2, additional.asBoolean());
      } else {
        item.message(1, schema(additional));
      }
      m.message(21, item);
    }
    JsonNode type = s.get("type");
    if (type != null) {
      Message t = new Message();
      if (type.isArray()) {
        type.forEach(v -> t.stringAlways(1, v.asText()));
      } else {
        t.stringAlways(1, type.asText());
      }
      m.message(22, t);
    }
    JsonNode items = s.get("items");
    if (items != null) {
      Message i = new Message();
      if (items.isArray()) {
        items.forEach(v -> i.message(1, schema(v)));
      } else {
        i.message(1, schema(items));
      }
      m.message(23, i);
    }
    for (JsonNode a : s.path("allOf")) {
      m.message(24, schema(a));
    }
    JsonNode properties = s.get("properties");
    if (properties != null) {
      Message p = new Message();
      properties.fields().forEachRemaining(e -> p.message(1, named(e.getKey(), e.getValue())));
      m.message(25, p);
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = s.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().startsWith("x-")) {
        Message named = new Message();
        named.string(1, e.getKey());
        named.message(2, any(e.getValue()));
        m.message(31, named);
      }
    }
    return m;
  }

  /** gnostic's Any: the value's text in {@code yaml} (2). */
  private static Message any(JsonNode value) {
    Message a = new Message();
    a.stringAlways(2, value.isTextual() ? value.asText() : value.toString());
    return a;
  }

  /** A message being written: its fields' bytes, each nested message written whole with its length. */
  private static final class Message {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CodedOutputStream out = CodedOutputStream.newInstance(bytes);

    /** A string field, left out when empty (proto3's default). */
    void string(int field, String value) {
      if (!value.isEmpty()) {
        stringAlways(field, value);
      }
    }

    /** A string field written even when empty (an element of a repeated field). */
    void stringAlways(int field, String value) {
      try {
        out.writeString(field, value);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    void bool(int field, boolean value) {
      try {
        out.writeBool(field, value);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    void message(int field, Message nested) {
      try {
        out.writeByteArray(field, nested.bytes());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    byte[] bytes() {
      try {
        out.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return bytes.toByteArray();
    }
  }
}
