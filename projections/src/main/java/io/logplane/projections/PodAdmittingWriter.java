package io.logplane.projections;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.podsecurity.PodSecurityAdmission;
import io.logplane.projections.podsecurity.PodSecurityConfiguration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * The writer of the controllers, which append their pods without passing the API's admission:
 * a pod they create gets what kube's ServiceAccount admission gives every pod
 * ({@link ServiceAccountAdmission}), its account read from {@code accounts} (a cache of the
 * ServiceAccounts by key), and is held to its namespace's PodSecurity enforce level
 * ({@link PodSecurityAdmission}): one that violates it fails with kube's 403 message, which the
 * controller records as its {@code FailedCreate} Event. Everything else goes to the writer it
 * wraps as it is.
 */
public final class PodAdmittingWriter implements ObjectWriter {

  private final ObjectWriter writer;
  private final Function<String, JsonNode> accounts;
  private final Function<String, JsonNode> namespaces;
  private final PodSecurityConfiguration podSecurity;
  private final String user;

  /**
   * @param accounts   the ServiceAccounts by key
   * @param namespaces the Namespaces by key ({@code core/namespaces//NAME}), whose PodSecurity
   *                   labels a pod's create is held to
   */
  public PodAdmittingWriter(ObjectWriter writer, Function<String, JsonNode> accounts,
      Function<String, JsonNode> namespaces) {
    this(writer, accounts, namespaces, PodSecurityConfiguration.NONE, null);
  }

  /** With the server's PodSecurity defaults and exemptions, for the writes of {@code user}. */
  public PodAdmittingWriter(ObjectWriter writer, Function<String, JsonNode> accounts,
      Function<String, JsonNode> namespaces, PodSecurityConfiguration podSecurity, String user) {
    this.writer = writer;
    this.accounts = accounts;
    this.namespaces = namespaces;
    this.podSecurity = podSecurity;
    this.user = user;
  }

  @Override
  public CompletableFuture<ObjectNode> create(Key key, ObjectNode object) {
    if (key.group().equals("core") && key.resource().equals("pods") && object.get("spec") instanceof ObjectNode spec) {
      String account = ServiceAccountAdmission.defaultAccount(spec);
      ServiceAccountAdmission.admit(spec, accounts.apply("core/serviceaccounts/" + key.namespace() + "/" + account),
          ThreadLocalRandom.current());
      String name = Metadata.text(object, "name");
      PodSecurityAdmission.Decision security = PodSecurityAdmission.pod(podSecurity, user,
          namespaces.apply("core/namespaces//" + key.namespace()), name == null || name.isEmpty() ? Metadata.text(object, "generateName") : name, object);
      if (security.forbidden() != null) {
        return CompletableFuture.failedFuture(new WriteRefused(Reason.FORBIDDEN, security.forbidden()));
      }
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
