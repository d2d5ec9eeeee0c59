package io.logplane.api.history;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.api.http.ApiException;
import io.logplane.projections.Key;
import java.time.OffsetDateTime;
import java.util.Set;

/**
 * What a {@code versions} list asks for: field selector terms on the target and the change,
 * the URL namespace, and a time range. {@link #keyMatches} narrows storage keys before their
 * history is read; {@link #matches} decides on a built item.
 */
public final class VersionFilter {

  public static final Set<String> FIELDS = Set.of("target.resource", "target.group", "target.name",
      "target.namespace", "actor", "verb", "type", "metadata.name", "metadata.namespace");

  private final Terms terms;
  private final String namespace;
  private final long since;
  private final long until;

  /**
   * @param fieldSelector the {@code fieldSelector} parameter, or null
   * @param urlNamespace  the namespace of the URL, or null for all namespaces
   * @param since         epoch millis of the earliest version wanted
   * @param until         epoch millis of the latest version wanted
   */
  public VersionFilter(String fieldSelector, String urlNamespace, long since, long until) {
    this.terms = Terms.parse(fieldSelector, FIELDS);
    String fromTerms = terms.required("target.namespace").or(() -> terms.required("metadata.namespace"))
        .orElse(null);
    if (urlNamespace != null && fromTerms != null && !urlNamespace.equals(fromTerms)) {
      throw ApiException.badRequest("target.namespace=" + fromTerms + " contradicts the namespace of the URL ("
          + urlNamespace + ")");
    }
    this.namespace = urlNamespace != null ? urlNamespace : fromTerms;
    this.since = since;
    this.until = until;
  }

  /** The resource named by an {@code =} term, or null: listing is then bounded by windows of the log. */
  public String resource() {
    return terms.required("target.resource").orElse(null);
  }

  /** The storage group named by an {@code =} term ({@code core} for the legacy group), or null. */
  public String group() {
    return terms.required("target.group").map(Terms::storageGroup).orElse(null);
  }

  /** The namespace to look in, or null for all. */
  public String namespace() {
    return namespace;
  }

  /** The object name named by an {@code =} term, or null. */
  public String name() {
    return terms.required("target.name").orElse(null);
  }

  /** True when a storage key may hold matching versions. */
  public boolean keyMatches(String key) {
    Key k = Key.parse(key);
    return terms.test("target.resource", k.resource()) && terms.testGroup("target.group", k.group())
        && terms.test("target.name", k.name()) && terms.test("target.namespace", k.namespace())
        && terms.test("metadata.namespace", k.namespace()) && (namespace == null || namespace.equals(k.namespace()));
  }

  /** True when a built item is wanted. */
  public boolean matches(JsonNode item) {
    long t = OffsetDateTime.parse(item.path("time").asText()).toInstant().toEpochMilli();
    return t >= since && t <= until && terms.test("actor", item.path("actor").asText())
        && terms.test("verb", item.path("verb").asText()) && terms.test("type", item.path("type").asText())
        && terms.test("metadata.name", item.path("metadata").path("name").asText());
  }
}
