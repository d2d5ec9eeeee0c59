package io.logplane.node.internal.storage;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.kubeclient.KubeClient;
import io.logplane.kubeclient.ListWatch;
import io.vertx.core.Context;
import java.util.List;
import java.util.function.Consumer;

/**
 * The two watches a provisioner needs, one of all claims and one of all volumes, their calls
 * moved onto the provisioner's context: one pair per process, however many nodes it runs.
 */
public final class ProvisionerWatch implements AutoCloseable {

  private final ListWatch claims;
  private final ListWatch volumes;
  private volatile boolean closed;

  public ProvisionerWatch(KubeClient client, Context context, LocalProvisioner provisioner) {
    this.claims = ListWatch.start(client, "/api/v1/persistentvolumeclaims", "", listener(context,
        provisioner::claim));
    this.volumes = ListWatch.start(client, "/api/v1/persistentvolumes", "", listener(context,
        provisioner::volume));
  }

  private ListWatch.Listener listener(Context context, Consumer<JsonNode> each) {
    return new ListWatch.Listener() {
      @Override
      public void listed(List<JsonNode> items) {
        context.runOnContext(v -> {
          if (!closed) {
            items.forEach(each);
          }
        });
      }

      @Override
      public void changed(String type, JsonNode object) {
        context.runOnContext(v -> {
          if (!closed && !"DELETED".equals(type)) {
            each.accept(object);
          }
        });
      }
    };
  }

  @Override
  public void close() {
    closed = true;
    claims.close();
    volumes.close();
  }
}
