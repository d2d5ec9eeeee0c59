package io.logplane.api.validation.core;

import io.logplane.api.validation.Validators;

/** Registers the validators of the core group's kinds. */
public final class CoreKinds {

  private CoreKinds() {}

  public static void register() {
    Validators.register("", "pods", new PodValidator());
    useServiceRanges(ServiceRanges.DEFAULT);
    Validators.register("", "configmaps", new ConfigMapValidator());
    Validators.register("", "secrets", new SecretValidator());
    Validators.register("", "namespaces", new NamespaceValidator());
    Validators.register("", "endpoints", new EndpointsValidator());
    Validators.register("", "replicationcontrollers", new ReplicationControllerValidator());
    Validators.register("", "persistentvolumeclaims", new PersistentVolumeClaimValidator());
    Validators.register("", "resourcequotas", new ResourceQuotaValidator());
    Validators.register("", "limitranges", new LimitRangeValidator());
  }

  /** Services are checked against these ranges (a server's service CIDR) from now on. */
  public static void useServiceRanges(ServiceRanges ranges) {
    Validators.register("", "services", new ServiceValidator(ranges));
  }
}
