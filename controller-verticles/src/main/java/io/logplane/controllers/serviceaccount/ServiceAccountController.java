package io.logplane.controllers.serviceaccount;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.controllers.Controller;
import io.logplane.controllers.ControllerContext;
import io.logplane.controllers.Reconciler;
import io.logplane.projections.Key;
import io.logplane.projections.Metadata;
import io.logplane.projections.ObjectWriter;
import io.logplane.projections.WriteRefused;
import io.logplane.projections.informers.Informer;
import java.util.List;

/**
 * As kube-controller-manager's serviceaccount-controller: every active namespace has a
 * {@code default} ServiceAccount, made again when deleted.
 */
public final class ServiceAccountController implements Reconciler {

  static final String NAMESPACES = "core/namespaces/";
  static final String ACCOUNTS = "core/serviceaccounts/";
  static final String DEFAULT = "default";

  private final Informer namespaces;
  private final Informer accounts;
  private final ObjectWriter writer;

  private ServiceAccountController(ControllerContext ctx) {
    this.namespaces = ctx.informers().informer(NAMESPACES);
    this.accounts = ctx.informers().informer(ACCOUNTS);
    this.writer = ctx.writer("service-account-controller");
  }

  /** Namespaces, woken too when a namespace's default account changes. */
  public static Controller controller(ControllerContext ctx) {
    return Controller.named("serviceaccount").reconciles(NAMESPACES)
        .watches(ACCOUNTS, sa -> List.of(Key.namespaceKey(Metadata.text(sa, "namespace"))))
        .build(new ServiceAccountController(ctx));
  }

  @Override
  public Result reconcile(String key) throws Exception {
    ObjectNode ns = namespaces.get(key);
    if (ns == null || Metadata.terminating(ns)) {
      return Result.DONE;
    }
    String name = Key.parse(key).name();
    Key account = new Key("core", "serviceaccounts", name, DEFAULT);
    if (accounts.get(account.toString()) != null) {
      return Result.DONE;
    }
    ObjectNode sa = JsonNodeFactory.instance.objectNode().put("apiVersion", "v1").put("kind", "ServiceAccount");
    sa.putObject("metadata").put("name", DEFAULT).put("namespace", name);
    try {
      writer.create(account, sa).join();
    } catch (java.util.concurrent.CompletionException e) {
      // Made meanwhile (by a client, or the namespace going away): the next event says which.
      if (!(e.getCause() instanceof WriteRefused)) {
        throw e;
      }
    }
    return Result.DONE;
  }
}
