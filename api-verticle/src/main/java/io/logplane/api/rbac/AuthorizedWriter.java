package io.logplane.api.rbac;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.auth.Authorizer;
import io.logplane.api.auth.User;
import io.logplane.projections.Key;
import io.logplane.projections.ObjectWriter;
import io.logplane.projections.Reason;
import io.logplane.projections.WriteRefused;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writer of a component that runs inside the server (a controller, the scheduler) as its own
 * user: each write is first asked of the authorizer, as kube-apiserver asks it of the requests of
 * kube-controller-manager's service accounts and of kube-scheduler, so that a component holds only
 * what its bootstrap role grants. A write refused fails with a 403 {@link WriteRefused}, logged.
 */
public final class AuthorizedWriter implements ObjectWriter {
  private static final Logger LOG = LoggerFactory.getLogger(AuthorizedWriter.class);
  private static final String SERVICE_ACCOUNT = "system:serviceaccount:";
  /**
   * An update of a component replaces the object at its resourceVersion: what kube's controllers
   * send as an update or as a patch (a job's pod losing its tracking finalizer, an orphan adopted),
   * so either verb allows it.
   */
  private static final List<String> UPDATE = List.of("update", "patch");

  private final ObjectWriter writer;
  private final Supplier<Authorizer> authorizer;
  private final User user;

  /** @param authorizer the server's, once it runs */
  public AuthorizedWriter(ObjectWriter writer, Supplier<Authorizer> authorizer, User user) {
    this.writer = writer;
    this.authorizer = authorizer;
    this.user = user;
  }

  /**
   * The user an actor name stands for: a service account with its groups, the API server's own
   * {@code system:apiserver} in {@code system:masters} as kube's loopback client, else a user in
   * {@code system:authenticated} only (kube-scheduler's {@code system:kube-scheduler}).
   */
  public static User user(String actor) {
    if (actor.equals("system:apiserver")) {
      return new User(actor, List.of(User.MASTERS, "system:authenticated")); // kube's loopback identity
    }
    if (actor.startsWith(SERVICE_ACCOUNT)) {
      String namespace = actor.substring(SERVICE_ACCOUNT.length(), actor.lastIndexOf(':'));
      return new User(actor, List.of("system:serviceaccounts", "system:serviceaccounts:" + namespace,
          "system:authenticated"));
    }
    return new User(actor, List.of("system:authenticated"));
  }

  @Override
  public CompletableFuture<ObjectNode> create(Key key, ObjectNode object) {
    return refused(List.of("create"), key, null).orElseGet(() -> writer.create(key, object));
  }

  @Override
  public CompletableFuture<ObjectNode> update(Key key, ObjectNode object) {
    return refused(UPDATE, key, null).orElseGet(() -> writer.update(key, object));
  }

  @Override
  public CompletableFuture<ObjectNode> updateSubresource(Key key, String subresource, ObjectNode object) {
    // a binding is created, as POST pods/binding; status and finalize are updated
    return refused(subresource.equals("binding") ? List.of("create") : UPDATE, key, subresource)
        .orElseGet(() -> writer.updateSubresource(key, subresource, object));
  }

  @Override
  public CompletableFuture<ObjectNode> scale(Key key, ObjectNode object) {
    return refused(UPDATE, key, "scale").orElseGet(() -> writer.scale(key, object));
  }

  @Override
  public CompletableFuture<ObjectNode> delete(Key key, String uid, String propagation) {
    return refused(List.of("delete"), key, null).orElseGet(() -> writer.delete(key, uid, propagation));
  }

  /** The write refused when none of {@code verbs} is allowed (the first one is named in the 403). */
  private java.util.Optional<CompletableFuture<ObjectNode>> refused(List<String> verbs, Key key, String subresource) {
    String group = key.group().equals("core") ? "" : key.group();
    Authorizer.Attributes a = null;
    Authorizer.Decision d = null;
    for (String verb : verbs) {
      Authorizer.Attributes asked = new Authorizer.Attributes(verb, group, key.resource(), subresource,
          key.namespace(), key.name(), null);
      Authorizer.Decision decided = authorizer.get().authorize(user, asked);
      if (decided.allowed()) {
        return java.util.Optional.empty();
      }
      if (a == null) {
        a = asked;
        d = decided;
      }
    }
    String message = RequestAttributes.forbidden(user, a, d.reason()).getMessage();
    LOG.warn("{}", message);
    return java.util.Optional.of(CompletableFuture.failedFuture(new WriteRefused(Reason.FORBIDDEN, message)));
  }
}
