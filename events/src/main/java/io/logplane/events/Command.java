package io.logplane.events;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a writer asks of the cluster, with its precondition: the payload of a record of the log
 * (a command at its offset is a {@link LogEntry}), as the glossary of docs/design.md names it;
 * the name does not shadow {@code java.lang.Record}.
 * Whether it takes effect is decided by the state machine when it applies the record at its
 * offset; every replica reaches the same verdict. Rejected records stay in the log.
 *
 * <p>Keys are {@code group/resource/namespace/name} ({@code core} for the legacy group, an
 * empty namespace for cluster-scoped objects).
 */
public sealed interface Command {

  /** Who asked, when, and the request's id; set by the API server, never by apply(). */
  Meta meta();

  /**
   * Request attribution.
   *
   * @param actor      the authenticated user name
   * @param requestId  unique id of the API request (the waiter of the write is keyed by it)
   * @param timeMillis wall-clock time of the request at the API server, epoch milliseconds
   * @param verb       the API verb that made the record (create, update, patch, apply, delete,
   *                   deletecollection), or null when no API request did
   * @param subresource the subresource of the request's URL ({@code status}, {@code scale},
   *                   ...), or null for the resource itself: the audit trail names it as
   *                   kube-apiserver's does (a scale is appended as an update of the object)
   * @param annotations what admission said of the request for its audit event (kube's audit
   *                   annotations: a ValidatingAdmissionPolicy's), in order; never null
   */
  record Meta(String actor, String requestId, long timeMillis, String verb, String subresource,
      java.util.Map<String, String> annotations) {
    public Meta {
      annotations = annotations == null || annotations.isEmpty() ? java.util.Map.of()
          : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(annotations));
    }

    public Meta(String actor, String requestId, long timeMillis, String verb, String subresource) {
      this(actor, requestId, timeMillis, verb, subresource, null);
    }

    public Meta(String actor, String requestId, long timeMillis) {
      this(actor, requestId, timeMillis, null, null);
    }

    public Meta(String actor, String requestId, long timeMillis, String verb) {
      this(actor, requestId, timeMillis, verb, null);
    }

    /** This meta with these audit annotations (none: this one). */
    public Meta withAnnotations(java.util.Map<String, String> more) {
      return more == null || more.isEmpty() ? this
          : new Meta(actor, requestId, timeMillis, verb, subresource, more);
    }
  }

  /**
   * Marks the beginning of a cluster's log; carries the cluster id and the address ranges the
   * cluster was made with, fixed for its life: the Service CIDR ({@code serviceCidr}, which
   * apply() allocates cluster IPs from), the cluster CIDR and the size of the nodes' pod CIDRs
   * in it. A log begun before they were recorded has them null and 0: the defaults.
   */
  record Genesis(Meta meta, String clusterId, String serviceCidr, String clusterCidr, int nodeCidrMaskSize)
      implements Command {

    /** A genesis without recorded ranges. */
    public Genesis(Meta meta, String clusterId) {
      this(meta, clusterId, null, null, 0);
    }
  }

  /**
   * Create an object. Precondition: the key does not exist; its namespace exists.
   * The object is complete (uid, creationTimestamp, name) except its resourceVersion.
   */
  record Create(Meta meta, String key, ObjectNode object) implements Command {}

  /**
   * Replace an object, or one subresource of it. Precondition: the key exists and, when
   * {@code expectedVersion > 0}, is at that resourceVersion.
   *
   * @param subresource empty for the main resource (a write of the {@code scale} subresource is
   *                    appended as one, with the new replicas), {@code status},
   *                    {@code finalize} (a namespace's {@code spec.finalizers}), or
   *                    {@code binding} (a pod's: the object is the v1 Binding, its uid a
   *                    precondition as its resourceVersion, which is expectedVersion)
   */
  record Update(Meta meta, String key, long expectedVersion, String subresource, ObjectNode object)
      implements Command {}

  /**
   * A write the API server refused before it could reach the state (invalid object, apply
   * conflict): recorded so the audit trail and the object's history show failed attempts too.
   * apply() rejects it with the same reason and changes nothing.
   *
   * @param code   the HTTP status answered (422, 409, ...)
   * @param reason the Status reason (Invalid, Conflict, ...)
   */
  /**
   * A read worth an audit record: it changes nothing, but the audit trail shows who read what
   * (a Secret's past values unsealed by someone allowed to).
   *
   * @param atVersion the resourceVersion read
   */
  record Read(Meta meta, String key, long atVersion) implements Command {}

  record Refused(Meta meta, String key, int code, String reason, String message) implements Command {}

  /**
   * Delete an object. Precondition: the key exists, at {@code expectedVersion} when it is
   * positive, with {@code expectedUid} when it is non-null.
   *
   * @param propagation Background, Foreground or Orphan (null = the kind's default)
   * @param gracePeriodSeconds the DeleteOptions' gracePeriodSeconds, null when the request gave
   *                   none (the kind's default: a pod's {@code terminationGracePeriodSeconds}).
   *                   Only pods are deleted gracefully, as kube-apiserver's pod strategy alone
   *                   implements it; other kinds ignore it
   */
  record Delete(Meta meta, String key, long expectedVersion, String expectedUid, String propagation,
      Long gracePeriodSeconds) implements Command {

    /** A delete without a grace period: the kind's default, as a DeleteOptions without one asks. */
    public Delete(Meta meta, String key, long expectedVersion, String expectedUid, String propagation) {
      this(meta, key, expectedVersion, expectedUid, propagation, null);
    }
  }
}
