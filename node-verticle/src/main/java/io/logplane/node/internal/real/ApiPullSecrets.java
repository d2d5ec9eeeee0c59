package io.logplane.node.internal.real;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.kubeclient.KubeClient;
import io.logplane.node.internal.agent.NodeAgent;
import io.logplane.node.internal.runtime.ImageSource.RegistryAuth;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pod's pull Secrets read through the API, in the pod's namespace, each time its image is to
 * be had (as the kubelet reads them for every pull); a Secret that cannot be read is left out
 * with a warning, as the kubelet goes on without it.
 */
public final class ApiPullSecrets implements PullSecrets {
  private static final Logger LOG = LoggerFactory.getLogger(ApiPullSecrets.class);

  private final KubeClient client;

  public ApiPullSecrets(KubeClient client) {
    this.client = client;
  }

  @Override
  public List<RegistryAuth> of(JsonNode pod) {
    List<RegistryAuth> auths = new ArrayList<>();
    String namespace = pod.path("metadata").path("namespace").asText("default");
    for (JsonNode ref : pod.path("spec").path("imagePullSecrets")) {
      String name = ref.path("name").asText("");
      if (name.isEmpty()) {
        continue;
      }
      try {
        KubeClient.Response r = client.send("GET", "/api/v1/namespaces/" + namespace + "/secrets/" + name, null);
        if (r.ok()) {
          auths.addAll(DockerConfig.auths(NodeAgent.read(r)));
        } else {
          LOG.warn("pull secret {}/{} of pod {} not read: {}", namespace, name,
              PodActions.podName(pod), r.status());
        }
      } catch (IOException e) {
        LOG.warn("pull secret {}/{} not read: {}", namespace, name, e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return auths;
  }
}
