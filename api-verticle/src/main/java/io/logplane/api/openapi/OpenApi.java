package io.logplane.api.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.api.resources.ResourceType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The OpenAPI documents of the served kinds, as kube-apiserver publishes them: the v3 root
 * ({@code GET /openapi/v3}), one v3 document per group-version ({@code GET
 * /openapi/v3/apis/apps/v1?hash=...}) and swagger 2.0 ({@code GET /openapi/v2}, JSON only).
 *
 * <p>Pure: no I/O. Documents are rendered on first request after a change and cached; the byte
 * arrays returned are shared and must not be modified. Thread-safe: custom kinds may be added
 * from one thread while others read.
 *
 * <p>kube-apiserver answers the root with {@code Content-Type: text/plain; charset=utf-8} and
 * group documents with {@code application/json}, {@code ETag} = {@link #etag}, and, when the
 * request's {@code hash} matches, {@code Cache-Control: public, immutable}.
 */
public final class OpenApi {

  private final BuiltinModel builtin;
  private final Map<String, Documents.Custom> customs = new TreeMap<>();
  private volatile Documents documents;

  /**
   * @param types the served resources; those with a fabric8 model class get a schema derived
   *              from it, the others are published like custom resources without a schema
   */
  public OpenApi(List<ResourceType> types) {
    this.builtin = BuiltinModel.of(types);
    for (ResourceType t : types) {
      if (t.modelClass() == null) {
        customs.put(key(t), new Documents.Custom(t, null));
      }
    }
  }

  /** {@code {"paths":{"api/v1":{"serverRelativeURL":"/openapi/v3/api/v1?hash=..."},...}}}. */
  public byte[] v3Root() {
    return documents().root();
  }

  /**
   * The v3 document of one group-version.
   *
   * @param path {@code api/v1} or {@code apis/apps/v1} (no leading slash, no query)
   * @return the JSON document, or empty when no such group-version is served (answer 404)
   */
  public Optional<byte[]> v3Group(String path) {
    return documents().group(path);
  }

  /** The swagger 2.0 document, JSON. Protobuf ({@code application/com.github.proto-openapi...}) is not offered. */
  public byte[] v2() {
    return documents().v2();
  }

  /** The v2 document in protobuf, as kubectl asks for it to validate a List's items. */
  public byte[] v2Proto() {
    return documents().v2Proto();
  }

  /** The content type of {@link #v2Proto()}. */
  public static final String V2_PROTO = V2Proto.CONTENT_TYPE;

  /**
   * The strong ETag (quoted SHA-512, upper-case hex) of a document.
   *
   * @param path {@code /openapi/v3}, {@code /openapi/v2}, {@code /openapi/v3/apis/apps/v1} or
   *             just {@code apis/apps/v1}
   * @throws IllegalArgumentException when no such document is served
   */
  public String etag(String path) {
    Documents d = documents();
    String p = path.startsWith("/") ? path.substring(1) : path;
    String hash;
    if (p.equals("openapi/v3")) {
      hash = Documents.hash(d.root());
    } else if (p.equals("openapi/v2")) {
      hash = Documents.hash(d.v2());
    } else {
      String group = p.startsWith("openapi/v3/") ? p.substring("openapi/v3/".length()) : p;
      hash = d.groupHash(group).orElseThrow(() -> new IllegalArgumentException("no OpenAPI document " + path));
    }
    return '"' + hash + '"';
  }

  /**
   * Publishes a custom kind (or replaces its schema).
   *
   * @param type            the resource, as discovery serves it
   * @param openAPIV3Schema the CRD's {@code spec.versions[].schema.openAPIV3Schema}, or null
   */
  public synchronized void addCustom(ResourceType type, JsonNode openAPIV3Schema) {
    customs.put(key(type), new Documents.Custom(type, openAPIV3Schema == null ? null : openAPIV3Schema.deepCopy()));
    documents = null;
  }

  /** Withdraws a custom kind (matched by group, version and resource); absent is fine. */
  public synchronized void removeCustom(ResourceType type) {
    if (customs.remove(key(type)) != null) {
      documents = null;
    }
  }

  private Documents documents() {
    Documents d = documents;
    if (d == null) {
      synchronized (this) {
        d = documents;
        if (d == null) {
          d = new Documents(builtin, List.copyOf(customs.values()));
          documents = d;
        }
      }
    }
    return d;
  }

  private static String key(ResourceType t) {
    return t.group() + "/" + t.version() + "/" + t.resource();
  }
}
