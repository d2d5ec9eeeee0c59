package io.logplane.projections;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * The writer of the controllers, which append their pods without passing the API's admission:
 * a pod they create gets what kube's ServiceAccount admission gives every pod
 * ({@link ServiceAccountAdmission}), its account read from {@code accounts} (a cache of the
 * ServiceAccounts by key). Everything else goes to the writer it wraps as it is.
 */
public final class PodAdmittingWriter implements ObjectWriter {

  private final ObjectWriter writer;
  private final Function<String, JsonNode> accounts;

  public PodAdmittingWriter(ObjectWriter writer, Function<String, JsonNode> accounts) {
    this.writer = writer;
    this.accounts = accounts;
  }

  @Override
  public CompletableFuture<ObjectNode> create(Key key, ObjectNode object) {
    if (key.group().equals("core") && key.resource().equals("pods") && object.get("spec") instanceof ObjectNode spec) {
      String account = ServiceAccountAdmission.defaultAccount(spec);
      ServiceAccountAdmission.admit(spec, accounts.apply("core/serviceaccounts/" + key.namespace() + "/" + account),
          ThreadLocalRandom.current());
    }
    return writer.create(key, object);
  }

  @Override
  public CompletableFuture<ObjectNode> update(Key key, ObjectNode object) {
    return writer.update(key, object);
  }

  @Override
  public CompletableFuture<ObjectNode> updateSubresource(Key key, String subresource, ObjectNode object) {
    return writer.updateSubresource(key, subresource, object);
  }

  @Override
  public CompletableFuture<ObjectNode> scale(Key key, ObjectNode object) {
    return writer.scale(key, object);
  }

  @Override
  public CompletableFuture<ObjectNode> delete(Key key, String uid, String propagation) {
    return writer.delete(key, uid, propagation);
  }
}
