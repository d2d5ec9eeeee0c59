package io.logplane.api.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.resources.ResourceType;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One immutable set of serialized documents: built-in kinds plus the custom kinds known when it
 * was made. The v3 documents are rendered at once (the root needs their hashes); the v2
 * document, large and rarely read, on first use.
 */
final class Documents {

  /** A custom kind and its CRD schema (may be null). */
  record Custom(ResourceType type, JsonNode schema) {}

  static final String VERSION = "unversioned";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Map<String, ObjectNode> definitions;
  private final List<Operation> operations;
  private final Map<String, byte[]> groups = new TreeMap<>();
  private final Map<String, String> hashes = new TreeMap<>();
  private final byte[] root;
  private byte[] v2;
  private byte[] v2Proto;

  Documents(BuiltinModel builtin, Collection<Custom> customs) {
    definitions = new TreeMap<>(builtin.definitions());
    List<Operation> ops = new ArrayList<>(builtin.operations());
    for (Custom c : customs) {
      String kind = CustomSchemas.name(c.type());
      definitions.put(kind, CustomSchemas.kind(c.type(), c.schema()));
      definitions.put(CustomSchemas.listName(c.type()), CustomSchemas.list(c.type()));
      ops.addAll(ResourcePaths.of(c.type(), kind, CustomSchemas.listName(c.type()), false));
    }
    operations = List.copyOf(ops);
    Map<String, List<Operation>> byGroupVersion = new TreeMap<>();
    for (Operation op : operations) {
      String path = BuiltinModel.groupVersionPath(op.path().startsWith("/api/") ? "" : groupOf(op.path()),
          versionOf(op.path()));
      byGroupVersion.computeIfAbsent(path, p -> new ArrayList<>()).add(op);
    }
    byGroupVersion.forEach((path, gvOps) -> {
      byte[] bytes = serialize(V3Writer.group(VERSION, gvOps, definitions));
      groups.put(path, bytes);
      hashes.put(path, hash(bytes));
    });
    root = serialize(V3Writer.root(hashes));
  }

  byte[] root() {
    return root;
  }

  Optional<byte[]> group(String path) {
    return Optional.ofNullable(groups.get(path));
  }

  synchronized byte[] v2() {
    if (v2 == null) {
      v2 = serialize(V2Writer.document(VERSION, operations, definitions));
    }
    return v2;
  }

  /** The v2 document in gnostic's protobuf (see {@link V2Proto}). */
  synchronized byte[] v2Proto() {
    if (v2Proto == null) {
      v2Proto = V2Proto.encode(v2());
    }
    return v2Proto;
  }

  /** The content hash of a group document ({@code apis/apps/v1}), or empty if not served. */
  Optional<String> groupHash(String path) {
    return Optional.ofNullable(hashes.get(path));
  }

  /** Upper-case hex SHA-512, the form kube-apiserver puts in {@code ?hash=}. */
  static String hash(byte[] bytes) {
    try {
      return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-512").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-512", e);
    }
  }

  private static String groupOf(String path) {
    return path.split("/")[2];
  }

  private static String versionOf(String path) {
    String[] parts = path.split("/");
    return path.startsWith("/api/") ? parts[2] : parts[3];
  }

  private static byte[] serialize(ObjectNode doc) {
    try {
      return MAPPER.writeValueAsBytes(doc);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }
}
