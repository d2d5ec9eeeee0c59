package io.logplane.node.internal.policy;

import io.logplane.kubeclient.KubeClient;
import io.logplane.kubeclient.ListWatch;

/**
 * The three watches network policy needs, over the HTTP API as a CNI's policy agent keeps them:
 * all NetworkPolicies, the Pods that have an address (any of them may be a peer; a pod without
 * one is neither a peer nor a target yet) and all Namespaces (for namespace selectors), handed to
 * {@link NetworkPolicies}, which takes them on any thread. A pod that gets its address arrives
 * as ADDED, as a field-selected watch shows a pod that starts to match; thousands of pending pods
 * cost this node nothing.
 */
public final class NetworkPolicyWatch implements AutoCloseable {
  private final ListWatch policies;
  private final ListWatch pods;
  private final ListWatch namespaces;

  public NetworkPolicyWatch(KubeClient client, NetworkPolicies enforcer) {
    this.policies = ListWatch.start(client, "/apis/networking.k8s.io/v1/networkpolicies", "",
        enforcer.policies());
    this.pods = ListWatch.start(client, "/api/v1/pods", "fieldSelector=status.podIP%21%3D", enforcer.pods());
    this.namespaces = ListWatch.start(client, "/api/v1/namespaces", "", enforcer.namespaces());
  }

  @Override
  public void close() {
    policies.close();
    pods.close();
    namespaces.close();
  }
}
