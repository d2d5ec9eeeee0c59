package io.logplane.projections;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.logplane.events.Command;
import io.logplane.projections.internal.Allocations;
import io.logplane.projections.internal.CreateRules;
import io.logplane.projections.internal.Deletion;
import io.logplane.projections.internal.Eviction;
import io.logplane.projections.internal.Generations;
import io.logplane.projections.internal.Names;
import io.logplane.projections.internal.Namespaces;
import io.logplane.projections.internal.PodBinding;
import io.logplane.projections.internal.Quotas;
import io.logplane.projections.internal.ServiceAccountToken;
import io.logplane.projections.internal.Tx;
import java.util.List;
import java.util.Set;

/**
 * Decides each record of the log against the state before it. Pure and deterministic: no
 * clock, no randomness, no I/O; the time, uid and actor come in the record, the
 * resourceVersion is the offset, generated names derive from the offset. Two replicas that
 * apply the same prefix of the log reach the same state.
 */
public final class StateMachine {

  private static final int NAME_ATTEMPTS = 16;

  private final Set<String> statusResources;

  /**
   * @param statusResources {@code group/resource} of the built-in kinds that have a status
   *                        subresource (updates of the main resource keep their status).
   *                        Custom resources take theirs from their CRD in the state.
   */
  public StateMachine(Set<String> statusResources) {
    this.statusResources = Set.copyOf(statusResources);
  }

  /** Decides the record; neither the state nor the record is changed. */
  public Outcome apply(State state, long offset, Command record) {
    return apply(state, offset, record, false);
  }

  /**
   * Decides a record the caller hands over: one decoded from the log for this call, which
   * nothing reads after it but its meta and key. The object it carries becomes the new state
   * in place instead of being copied first; the verdict and the state are those of
   * {@link #apply(State, long, Command)}.
   */
  public Outcome applyOwned(State state, long offset, Command record) {
    return apply(state, offset, record, true);
  }

  private Outcome apply(State state, long offset, Command record, boolean owned) {
    Tx tx = new Tx(state, offset);
    if (record instanceof Command.Create c) {
      return accounted(tx, create(tx, c, owned));
    }
    if (record instanceof Command.Update u) {
      return accounted(tx, update(tx, u, owned));
    }
    if (record instanceof Command.Delete d) {
      return accounted(tx, new Deletion(tx, d).run());
    }
    if (record instanceof Command.Refused r) {
      return new Outcome.Rejected(Reason.ofStatus(r.reason()), r.message());
    }
    if (record instanceof Command.Genesis g && g.serviceCidr() != null) {
      new Allocations(tx).record(network(g));
      return new Outcome.Accepted(null, tx.changes());
    }
    return new Outcome.Accepted(null, List.of());
  }

  /** The ranges a genesis record carries; those it left out are the defaults. */
  private static ClusterNetwork network(Command.Genesis g) {
    ClusterNetwork d = ClusterNetwork.DEFAULT;
    return ClusterNetwork.of(g.serviceCidr(), g.clusterCidr() == null ? d.clusterCidr().toString() : g.clusterCidr(),
        g.nodeCidrMaskSize() == 0 ? d.nodeCidrMaskSize() : g.nodeCidrMaskSize());
  }

  /** An accepted outcome with what it changed counted in the quotas of its namespaces (see {@link Quotas}). */
  private static Outcome accounted(Tx tx, Outcome outcome) {
    if (!(outcome instanceof Outcome.Accepted a) || a.changes().isEmpty()) {
      return outcome;
    }
    int before = a.changes().size();
    Quotas.account(tx, a.changes());
    return tx.changeCount() == before ? outcome : new Outcome.Accepted(a.result(), tx.changes());
  }

  private Outcome create(Tx tx, Command.Create c, boolean owned) {
    Key key = Key.parse(c.key());
    if (!key.namespace().isEmpty()) {
      ObjectNode ns = tx.get(Key.namespaceKey(key.namespace()));
      if (ns == null) {
        return new Outcome.Rejected(Reason.NOT_FOUND, "namespaces \"" + key.namespace() + "\" not found");
      }
      if (Metadata.terminating(ns)) {
        return new Outcome.Rejected(Reason.FORBIDDEN, key.qualifiedResource() + " \"" + key.name()
            + "\" is forbidden: unable to create new content in namespace " + key.namespace()
            + " because it is being terminated");
      }
    }
    ObjectNode object = owned ? c.object() : c.object().deepCopy();
    ObjectNode meta = Metadata.of(object);
    if (key.name().isEmpty()) {
      String prefix = Metadata.text(object, "generateName");
      key = freeName(tx, key, prefix == null ? "" : prefix);
      if (key == null) {
        return new Outcome.Rejected(Reason.ALREADY_EXISTS,
            "no free name for generateName " + prefix + " after " + NAME_ATTEMPTS + " attempts");
      }
      meta.put("name", key.name());
    } else if (tx.get(c.key()) != null) {
      return new Outcome.Rejected(Reason.ALREADY_EXISTS,
          key.qualifiedResource() + " \"" + key.name() + "\" already exists");
    }
    if (Generations.tracked(key)) {
      meta.put("generation", 1);
    } else {
      meta.remove("generation");
    }
    Outcome.Rejected refused = CreateRules.admit(tx, key, object);
    if (refused != null) {
      return refused;
    }
    ObjectNode created = tx.put(Change.Type.ADDED, key.toString(), object);
    if (Metadata.ownerReferences(created).iterator().hasNext()) {
      new Deletion(tx, c.meta().timeMillis()).collect(key.toString());
    }
    return new Outcome.Accepted(created, tx.changes());
  }

  private static Key freeName(Tx tx, Key key, String prefix) {
    for (int attempt = 0; attempt < NAME_ATTEMPTS; attempt++) {
      Key candidate = key.withName(prefix + Names.suffix(tx.offset(), attempt));
      if (tx.get(candidate.toString()) == null) {
        return candidate;
      }
    }
    return null;
  }

  private Outcome update(Tx tx, Command.Update u, boolean owned) {
    if (u.subresource().equals(PodBinding.SUBRESOURCE)) {
      return PodBinding.apply(tx, u);
    }
    if (u.subresource().equals(Eviction.SUBRESOURCE)) {
      return new Eviction(tx, u).run();
    }
    if (u.subresource().equals(ServiceAccountToken.SUBRESOURCE)) {
      return ServiceAccountToken.apply(tx, u);
    }
    Key key = Key.parse(u.key());
    ObjectNode current = tx.get(u.key());
    if (current == null) {
      return new Outcome.Rejected(Reason.NOT_FOUND, key.qualifiedResource() + " \"" + key.name() + "\" not found");
    }
    if (u.expectedVersion() > 0 && Metadata.resourceVersion(current) != u.expectedVersion()) {
      return conflict(key);
    }
    String uid = Metadata.uid(u.object());
    if (uid != null && !uid.isEmpty() && !uid.equals(Metadata.uid(current))) {
      return new Outcome.Rejected(Reason.CONFLICT, "Precondition failed: UID in precondition: " + uid
          + ", UID in object meta: " + Metadata.uid(current));
    }
    // From here on incoming is ours to change (owned, or a copy), and becomes the new state
    // unless a subresource is updated: then the new state is the current one's.
    ObjectNode incoming = owned || !u.subresource().isEmpty() ? u.object() : u.object().deepCopy();
    if (Namespaces.is(key) && u.subresource().isEmpty()) {
      Namespaces.keepSpecFinalizers(current, incoming);
    }
    ObjectNode next = switch (u.subresource()) {
      case "status", "approval" -> NextStates.withStatusOf(current, incoming, owned); // a CSR's approval: its conditions
      case "finalize" -> NextStates.withSpecFinalizersOf(current, incoming);
      default -> NextStates.withImmutableOf(current, incoming, hasStatus(tx, key));
    };
    if (Allocations.isService(key) && !u.subresource().equals("status")) {
      Outcome.Cause error = new Allocations(tx).update(key.toString(), current, next);
      if (error != null) {
        return CreateRules.invalidService(key, error);
      }
    }
    // kube's quota admission looks at writes of the main resource only, never of a subresource
    String overQuota = u.subresource().isEmpty() ? Quotas.admitUpdate(tx, key, current, next) : null;
    if (overQuota != null) {
      return new Outcome.Rejected(Reason.FORBIDDEN, overQuota);
    }
    if (Quotas.isQuota(key) && !u.subresource().equals("status") && Quotas.needsCounting(next)) {
      Quotas.count(tx, key, next);
    }
    if (NextStates.sameIgnoringVersion(current, next)) {
      return new Outcome.Accepted(current, List.of());
    }
    // As kube's ShouldDeleteDuringUpdate: the last finalizer gone removes the object, unless a
    // grace period still runs (a pod its node has not stopped yet: its status is written meanwhile).
    if (Metadata.terminating(next) && !Metadata.hasFinalizers(next) && !Namespaces.hasSpecFinalizers(next)
        && Metadata.deletionGracePeriodSeconds(current) == 0) {
      ObjectNode last = new Deletion(tx, u.meta().timeMillis()).remove(u.key(), next);
      return new Outcome.Accepted(last, tx.changes());
    }
    ObjectNode updated = tx.put(Change.Type.MODIFIED, u.key(), next);
    if (!current.path("metadata").path("ownerReferences").equals(next.path("metadata").path("ownerReferences"))) {
      new Deletion(tx, u.meta().timeMillis()).collect(u.key());
    }
    return new Outcome.Accepted(updated, tx.changes());
  }

  static Outcome conflict(Key key) {
    return new Outcome.Rejected(Reason.CONFLICT, "Operation cannot be fulfilled on " + key.qualifiedResource()
        + " \"" + key.name() + "\": the object has been modified; please apply your changes to the latest"
        + " version and try again");
  }

  private boolean hasStatus(Tx tx, Key key) {
    if (statusResources.contains(key.group() + "/" + key.resource())) {
      return true;
    }
    ObjectNode crd = tx.get("apiextensions.k8s.io/customresourcedefinitions//" + key.resource() + "." + key.group());
    if (crd == null) {
      return false;
    }
    for (JsonNode v : crd.path("spec").path("versions")) {
      if (v.path("subresources").has("status")) {
        return true;
      }
    }
    return false;
  }

  /** The time text of a record, as metav1.Time. */
  static TextNode time(Command r) {
    return TextNode.valueOf(Metadata.time(r.meta().timeMillis()));
  }
}
