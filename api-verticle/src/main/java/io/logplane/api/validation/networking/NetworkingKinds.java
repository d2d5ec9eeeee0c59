package io.logplane.api.validation.networking;

import io.logplane.api.validation.Validators;

/** Registers the validators of the networking.k8s.io group's kinds. */
public final class NetworkingKinds {

  private NetworkingKinds() {}

  public static void register() {
    Validators.register("networking.k8s.io", "ingresses", new IngressValidator());
    Validators.register("networking.k8s.io", "ingressclasses", new IngressClassValidator());
    Validators.register("networking.k8s.io", "networkpolicies", new NetworkPolicyValidator());
  }
}
