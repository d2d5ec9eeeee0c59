package io.logplane.controllers.ingress;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.informers.Informer;
import io.logplane.projections.informers.Informers;
import java.util.ArrayList;
import java.util.List;

/**
 * The routing table of the Ingresses served, rebuilt on the first request after an Ingress or
 * IngressClass changed: the informers' handlers only mark it stale (they run on the applying
 * thread and must not block), so a change serves at the next request.
 */
final class RouteCache {

  static final String INGRESSES = IngressSpec.PREFIX;

  private final Informer ingresses;
  private final Informer classes;
  private final Informer.Handler stale = (key, old, now) -> markStale();
  private volatile boolean isStale = true;
  private volatile Routes routes = Routes.EMPTY;

  RouteCache(Informers informers) {
    this.ingresses = informers.informer(INGRESSES);
    this.classes = informers.informer(IngressClasses.PREFIX);
  }

  void start() {
    ingresses.addHandler(stale);
    classes.addHandler(stale);
  }

  void stop() {
    ingresses.removeHandler(stale);
    classes.removeHandler(stale);
  }

  Routes current() {
    if (isStale) {
      synchronized (this) {
        if (isStale) {
          isStale = false;
          routes = Routes.of(served(ingresses, classes));
        }
      }
    }
    return routes;
  }

  /** The Ingresses this controller serves, of those the informer holds. */
  static List<ObjectNode> served(Informer ingresses, Informer classes) {
    List<ObjectNode> out = new ArrayList<>();
    for (ObjectNode o : ingresses.list()) {
      if (IngressClasses.served(o, classes) && !io.logplane.projections.Metadata.terminating(o)) {
        out.add(o);
      }
    }
    return out;
  }

  private void markStale() {
    isStale = true;
  }
}
