package io.logplane.projections.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.DefaultIngressClass;
import io.logplane.projections.DefaultStorageClass;
import io.logplane.projections.Key;
import io.logplane.projections.Metadata;
import io.logplane.projections.Outcome;
import io.logplane.projections.Reason;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules a new object meets that depend on the state at its offset, in kube-apiserver's
 * admission order: an owner waiting in a foreground deletion, the pod's PriorityClass, a
 * claim's default StorageClass, an Ingress's default IngressClass, the namespace's LimitRanges and ResourceQuotas, a claim's
 * protection finalizer, and a Service's addresses. Each may change the
 * object (priority, defaults, allocations) or refuse it.
 */
public final class CreateRules {

  /** The finalizer kube's StorageObjectInUseProtection admission puts on every new claim. */
  static final String CLAIM_PROTECTION = "kubernetes.io/pvc-protection";

  private CreateRules() {}

  /**
   * DefaultStorageClass: a claim that names no class (the field absent, not "") gets the
   * default one, before quotas count it by class.
   */
  private static void defaultClass(Tx tx, ObjectNode claim) {
    JsonNode spec = claim.get("spec");
    if (!(spec instanceof ObjectNode s) || (s.hasNonNull("storageClassName"))) {
      return;
    }
    List<ObjectNode> classes = new ArrayList<>();
    for (String k : PolicyIndex.keys(tx, "storage.k8s.io", PolicyIndex.STORAGE_CLASSES, "")) {
      ObjectNode c = tx.get(k);
      if (c != null) {
        classes.add(c);
      }
    }
    ObjectNode def = DefaultStorageClass.of(classes);
    if (def != null) {
      s.put("storageClassName", Metadata.text(def, "name"));
    }
  }

  /**
   * DefaultIngressClass: an Ingress that names no class (neither {@code spec.ingressClassName}
   * nor the {@code kubernetes.io/ingress.class} annotation) gets the default one.
   */
  private static void defaultIngressClass(Tx tx, ObjectNode ingress) {
    JsonNode spec = ingress.get("spec");
    if (!(spec instanceof ObjectNode s) || s.hasNonNull("ingressClassName")
        || ingress.path("metadata").path("annotations").has("kubernetes.io/ingress.class")) {
      return;
    }
    List<ObjectNode> classes = new ArrayList<>();
    for (String k : PolicyIndex.keys(tx, "networking.k8s.io", PolicyIndex.INGRESS_CLASSES, "")) {
      ObjectNode c = tx.get(k);
      if (c != null) {
        classes.add(c);
      }
    }
    ObjectNode def = DefaultIngressClass.of(classes);
    if (def != null) {
      s.put("ingressClassName", Metadata.text(def, "name"));
    }
  }

  private static boolean isIngress(Key k) {
    return k.group().equals("networking.k8s.io") && k.resource().equals("ingresses");
  }

  private static boolean isClaim(Key k) {
    return k.group().equals("core") && k.resource().equals("persistentvolumeclaims");
  }

  /** The refusal of the object, or null once every rule let it through (and filled it in). */
  public static Outcome.Rejected admit(Tx tx, Key key, ObjectNode object) {
    String orphaned = Foreground.refusal(tx, object);
    if (orphaned != null) {
      return new Outcome.Rejected(Reason.FORBIDDEN, key.qualifiedResource() + " \"" + key.name()
          + "\" is forbidden: " + orphaned);
    }
    String refused = PodPriority.isPod(key) ? PodPriority.resolve(tx, key, object) : null;
    if (isClaim(key)) {
      defaultClass(tx, object);
    }
    if (isIngress(key)) {
      defaultIngressClass(tx, object);
    }
    if (refused == null && LimitRanges.applies(key)) {
      refused = LimitRanges.admit(tx, key, object);
    }
    if (refused == null) {
      refused = Quotas.admit(tx, key, object);
    }
    if (refused != null) {
      return new Outcome.Rejected(Reason.FORBIDDEN, refused);
    }
    if (Quotas.isQuota(key)) {
      Quotas.count(tx, key, object);
    }
    if (isClaim(key)) {
      // StorageObjectInUseProtection: a claim goes only once no pod uses it (pvc-protection-controller)
      Metadata.addFinalizer(object, CLAIM_PROTECTION);
    }
    if (Allocations.isService(key)) {
      Outcome.Cause error = new Allocations(tx).allocate(key.toString(), object);
      if (error != null) {
        return invalidService(key, error);
      }
    }
    return null;
  }

  /** A Service refused for an address it may not have, with the field at fault. */
  public static Outcome.Rejected invalidService(Key key, Outcome.Cause cause) {
    return new Outcome.Rejected(Reason.INVALID, "Service \"" + key.name() + "\" is invalid: " + cause.field() + ": "
        + cause.message(), List.of(cause));
  }
}
