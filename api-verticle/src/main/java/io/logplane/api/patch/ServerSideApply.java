package io.logplane.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.patch.ManagedFields.Entry;
import io.logplane.api.resources.ResourceType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Server-side apply and the field ownership ({@code metadata.managedFields}) of every write, as
 * kube-apiserver's field manager keeps them (structured-merge-diff semantics on FieldsV1 sets).
 *
 * <p>Apply: the configuration is merged into the live object; fields this manager applied
 * before and no longer applies are removed unless another manager owns them; a field the apply
 * changes that another manager owns is a conflict (409) unless {@code force}, which takes it
 * over. An object that has no managedFields gets a {@code before-first-apply} Update entry
 * owning all its fields first, so an apply cannot silently override them. For the manager
 * {@code kubectl}, conflicts on fields whose live value still equals the
 * {@code last-applied-configuration} annotation are allowed and that annotation is kept in
 * sync, which is how {@code kubectl apply --server-side} takes over client-side applied objects.
 *
 * <p>Every function is pure: the caller passes the time (RFC 3339, e.g.
 * {@code 2024-05-01T10:00:00Z}) and stores the returned object.
 */
public final class ServerSideApply {

  /** Manager that owns the fields of an object that had no managedFields when first applied. */
  public static final String BEFORE_FIRST_APPLY = "before-first-apply";
  /** kubectl's client-side apply annotation. */
  public static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
  /** The operation of every write that is not an apply. */
  public static final String UPDATE = ManagedFields.UPDATE;

  private ServerSideApply() {}

  /** {@link #apply(ObjectNode, byte[], String, boolean, String, ResourceType, String)} on the main resource. */
  public static ObjectNode apply(ObjectNode current, byte[] body, String fieldManager, boolean force,
      ResourceType resource, String time) {
    return apply(current, body, fieldManager, force, null, resource, time);
  }

  /**
   * Applies a configuration.
   *
   * @param current      the stored object, or null to create it from the configuration
   * @param body         the configuration, YAML or JSON
   * @param fieldManager the applier's name; required
   * @param force        take over fields other managers own instead of failing
   * @param subresource  null for the main resource, or {@code status}
   * @param resource     the resource (its model class gives list keys and atomic types)
   * @param time         the entry's time, RFC 3339
   * @return the new object with metadata.managedFields updated; the caller still sets server
   *         fields (uid, resourceVersion, creationTimestamp) and validates it
   * @throws PatchException 400 for an undecodable configuration, a wrong apiVersion or kind,
   *                        metadata.managedFields set, or no fieldManager; 409 on conflicts
   */
  public static ObjectNode apply(ObjectNode current, byte[] body, String fieldManager, boolean force,
      String subresource, ResourceType resource, String time) {
    if (fieldManager == null || fieldManager.isBlank()) {
      throw PatchException.badRequest("fieldManager is required for apply requests");
    }
    ObjectNode config = ApplyConfig.parse(body, resource, subresource);
    TypeSchema s = TypeSchema.of(resource);
    ObjectNode live = current == null ? Json.object() : Ownership.withoutManagedFields(current);
    Map<String, Entry> managers = current == null ? new LinkedHashMap<>() : decodeQuietly(current);
    if (current != null && managers.isEmpty()) {
      FieldSet existing = Ownership.filter(FieldWalk.compare(null, live, s).changed(), resource, subresource);
      Entry first = new Entry(BEFORE_FIRST_APPLY, UPDATE, resource.apiVersion(), time, subresource, existing);
      managers.put(first.id(), first);
    }
    Entry mine = new Entry(fieldManager, ManagedFields.APPLY, resource.apiVersion(), time, subresource,
        Ownership.filter(FieldWalk.ofConfig(config, s), resource, subresource));
    Entry previous = managers.get(mine.id());
    ObjectNode merged = (ObjectNode) ApplyMerge.merge(live, config, s);
    Map<String, Entry> before = new LinkedHashMap<>(managers);
    managers.put(mine.id(), mine);
    if (previous != null) {
      FieldSet all = new FieldSet();
      for (Entry e : managers.values()) {
        all = all.union(e.fields());
      }
      FieldSet gone = FieldWalk.ensureNamedFieldsAreMembers(previous.fields(), s)
          .difference(FieldWalk.ensureNamedFieldsAreMembers(all, s));
      FieldWalk.removeItems(merged, gone, s);
    }
    FieldWalk.Comparison c = filtered(FieldWalk.compare(live, merged, s), resource, subresource);
    Map<String, FieldSet> conflicts = Ownership.takeChanged(managers, mine.id(), c);
    if (!force && !conflicts.isEmpty()) {
      ApplyConflicts.allowFromLastApplied(conflicts, fieldManager, live, s, resource, subresource);
      if (!conflicts.isEmpty()) {
        throw ApplyConflicts.error(conflicts, before);
      }
    }
    ApplyConfig.syncLastApplied(merged, live, fieldManager, body);
    return Ownership.store(merged, managers.values());
  }

  /**
   * Records the fields a create, update or patch changed as owned by {@code manager}
   * (operation Update), taking them from other managers and dropping removed fields from all.
   * As in kube: an update whose object carries a non-empty managedFields list replaces the
   * stored entries with it; an update of an existing object that has no entries is not tracked
   * (so sending {@code managedFields: [{}]} clears them); an entry's time changes only when the
   * write changed a field.
   *
   * @param before    the stored object, or null on create
   * @param after     the object about to be stored
   * @param manager   the fieldManager parameter, or a name derived from the user agent
   *                  ({@link #managerFromUserAgent})
   * @param operation must be {@code Update}; apply goes through {@link #apply}
   */
  public static ObjectNode trackUpdate(ObjectNode before, ObjectNode after, String manager, String operation,
      ResourceType resource, String time) {
    return trackUpdate(before, after, manager, operation, null, resource, time);
  }

  /** {@link #trackUpdate(ObjectNode, ObjectNode, String, String, ResourceType, String)} for a subresource. */
  public static ObjectNode trackUpdate(ObjectNode before, ObjectNode after, String manager, String operation,
      String subresource, ResourceType resource, String time) {
    if (!UPDATE.equals(operation)) {
      throw new IllegalArgumentException("operation must be Update, got " + operation);
    }
    if (manager == null || manager.isEmpty()) {
      throw new IllegalArgumentException("a field manager is required");
    }
    Map<String, Entry> managers = null;
    JsonNode supplied = after.path("metadata").get("managedFields");
    if (subresource == null && supplied != null && supplied.isArray() && !supplied.isEmpty()) {
      managers = decodeOrNull(after);
    }
    if (managers == null) {
      managers = before == null ? new LinkedHashMap<>() : decodeQuietly(before);
    }
    managers.values().removeIf(e -> e.fields().isEmpty());
    ObjectNode result = Ownership.withoutManagedFields(after);
    if (before != null && managers.isEmpty()) {
      if (before.path("metadata").has("managedFields") && result.get("metadata") instanceof ObjectNode m) {
        m.putArray("managedFields"); // none left; an update without the field would keep the stored ones
      }
      return result;
    }
    TypeSchema s = TypeSchema.of(resource);
    FieldWalk.Comparison c = filtered(FieldWalk.compare(Ownership.withoutManagedFields(before), result, s),
        resource, subresource);
    FieldSet changed = c.changed();
    if (!managers.isEmpty()) {
      Ownership.takeChanged(managers, "\u0001current-operation", c);
    }
    FieldSet taken = changed.difference(c.removed());
    if (!taken.isEmpty()) {
      Entry mine = new Entry(manager, UPDATE, resource.apiVersion(), time, subresource, taken);
      Entry prev = managers.get(mine.id());
      managers.put(mine.id(), prev == null ? mine : mine.withFields(prev.fields().union(taken)));
    }
    return Ownership.store(result, managers.values());
  }

  /** Kube's default manager name: the user agent up to its first '/', printable, at most 128. */
  public static String managerFromUserAgent(String userAgent) {
    if (userAgent == null) {
      return "";
    }
    String name = userAgent.split("/", 2)[0].codePoints()
        .filter(cp -> !Character.isISOControl(cp))
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    return name.length() > 128 ? name.substring(0, 128) : name;
  }

  private static FieldWalk.Comparison filtered(FieldWalk.Comparison c, ResourceType r, String sub) {
    return new FieldWalk.Comparison(Ownership.filter(c.added(), r, sub), Ownership.filter(c.modified(), r, sub),
        Ownership.filter(c.removed(), r, sub));
  }

  private static Map<String, Entry> decodeQuietly(ObjectNode o) {
    Map<String, Entry> m = decodeOrNull(o);
    return m == null ? new LinkedHashMap<>() : m;
  }

  private static Map<String, Entry> decodeOrNull(ObjectNode o) {
    try {
      return ManagedFields.decode(o.path("metadata").get("managedFields"));
    } catch (IllegalArgumentException e) {
      // kube falls back to the stored entries when supplied ones cannot be decoded
      return null;
    }
  }
}
