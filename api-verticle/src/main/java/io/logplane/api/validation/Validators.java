package io.logplane.api.validation;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The validator of each built-in kind, by API group and resource (plural). The kinds register
 * here once, when the class loads; a kind without a validator gets only the metadata checks.
 */
public final class Validators {

  private static final Map<String, KindValidator> BY_RESOURCE = new ConcurrentHashMap<>();

  static {
    io.logplane.api.validation.core.CoreKinds.register();
    io.logplane.api.validation.apps.AppsKinds.register();
    io.logplane.api.validation.batch.BatchKinds.register();
    io.logplane.api.validation.networking.NetworkingKinds.register();
    io.logplane.api.validation.autoscaling.AutoscalingKinds.register();
    io.logplane.api.validation.policy.PolicyKinds.register();
    io.logplane.api.validation.scheduling.PriorityClassValidator.register();
    io.logplane.api.validation.rbac.RbacKinds.register();
    io.logplane.api.validation.admissionregistration.AdmissionRegistrationKinds.register();
    io.logplane.api.validation.flowcontrol.FlowControlKinds.register();
    io.logplane.api.certificates.CsrValidator.register();
  }

  private Validators() {}

  /** Sets the validator of a resource ({@code ""} is the core group), replacing any before. */
  public static void register(String group, String resource, KindValidator validator) {
    BY_RESOURCE.put(key(group, resource), validator);
  }

  public static Optional<KindValidator> of(String group, String resource) {
    return Optional.ofNullable(BY_RESOURCE.get(key(group, resource)));
  }

  private static String key(String group, String resource) {
    return (group == null ? "" : group) + "/" + resource;
  }
}
