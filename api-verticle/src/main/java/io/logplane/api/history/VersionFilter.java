package io.logplane.api.history;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.api.http.ApiException;
import io.logplane.projections.Key;
import io.logplane.selectors.LabelSelector;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

/**
 * What a {@code versions} list asks for: field selector terms on the target and the change
 * ({@link Terms#FIELDS}), a label selector on the object as it was at each version, the URL
 * namespace, and a time range. {@link #keyMatches} narrows storage keys before their history
 * is read; {@link #matches} decides on a built item.
 */
public final class VersionFilter {

  public static final Set<String> FIELDS = Terms.FIELDS;
  static final List<String> RESOURCE = List.of("resource", "target.resource");
  static final List<String> GROUP = List.of("group", "target.group");
  static final List<String> NAME = List.of("name", "target.name");
  static final List<String> NAMESPACE = List.of("namespace", "target.namespace", "metadata.namespace");
  static final List<String> USER = List.of("user", "actor");
  static final List<String> TYPES = List.of("ADDED", "MODIFIED", "DELETED", "REJECTED");
  static final List<String> OUTCOMES = List.of("accepted", "rejected");

  private final Terms terms;
  private final LabelSelector labels;
  private final String namespace;
  private final long since;
  private final long until;

  /** A filter without a label selector. */
  public VersionFilter(String fieldSelector, String urlNamespace, long since, long until) {
    this(fieldSelector, null, urlNamespace, since, until);
  }

  /**
   * @param fieldSelector the {@code fieldSelector} parameter, or null
   * @param labels        the parsed {@code labelSelector}, or null for every object
   * @param urlNamespace  the namespace of the URL, or null for all namespaces
   * @param since         epoch millis of the earliest version wanted
   * @param until         epoch millis of the latest version wanted
   */
  public VersionFilter(String fieldSelector, LabelSelector labels, String urlNamespace, long since, long until) {
    this.terms = Terms.parse(fieldSelector, FIELDS);
    this.labels = labels;
    String fromTerms = NAMESPACE.stream().map(terms::required).flatMap(java.util.Optional::stream).findFirst()
        .orElse(null);
    if (urlNamespace != null && fromTerms != null && !urlNamespace.equals(fromTerms)) {
      throw ApiException.badRequest("fieldSelector: namespace=" + fromTerms + " contradicts the namespace of the"
          + " URL (" + urlNamespace + ")");
    }
    this.namespace = urlNamespace != null ? urlNamespace : fromTerms;
    terms.values("type", TYPES);
    terms.values("outcome", OUTCOMES);
    this.since = terms.since(since);
    this.until = terms.until(until);
  }

  /** The resource named by an {@code =} term, or null: listing is then bounded by windows of the log. */
  public String resource() {
    return terms.resource(RESOURCE).orElse(null);
  }

  /** The storage group named by an {@code =} term ({@code core} for the legacy group), or null. */
  public String group() {
    return terms.group(GROUP, RESOURCE).orElse(null);
  }

  /** The namespace to look in, or null for all. */
  public String namespace() {
    return namespace;
  }

  /** The object name named by an {@code =} term, or null. */
  public String name() {
    return NAME.stream().map(terms::required).flatMap(java.util.Optional::stream).findFirst().orElse(null);
  }

  /** True when a storage key may hold matching versions. */
  public boolean keyMatches(String key) {
    Key k = Key.parse(key);
    return terms.testResource(RESOURCE, k.resource(), k.group()) && GROUP.stream().allMatch(g -> terms.testGroup(g,
        k.group())) && terms.test(NAME, k.name()) && terms.test(NAMESPACE, k.namespace())
        && (namespace == null || namespace.equals(k.namespace()));
  }

  /** True when a built item is wanted; its object's labels are those it carries. */
  public boolean matches(JsonNode item) {
    return matches(item, item.path("object").path("metadata").get("labels"));
  }

  /**
   * True when a built item is wanted.
   *
   * @param objectLabels the labels of the object as it was at the item (a refused attempt's
   *                     are those of the version it was refused at)
   */
  public boolean matches(JsonNode item, JsonNode objectLabels) {
    long t = OffsetDateTime.parse(item.path("time").asText()).toInstant().toEpochMilli();
    String type = item.path("type").asText();
    return t >= since && t <= until && terms.test(USER, item.path("actor").asText())
        && terms.test("verb", item.path("verb").asText()) && terms.testIgnoreCase("type", type)
        && terms.testIgnoreCase("outcome", type.equals("REJECTED") ? "rejected" : "accepted")
        && terms.test("metadata.name", item.path("metadata").path("name").asText())
        && (labels == null || labels.matches(objectLabels));
  }
}
