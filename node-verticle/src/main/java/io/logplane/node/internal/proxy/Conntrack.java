package io.logplane.node.internal.proxy;

import io.logplane.node.internal.runtime.Exec;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes connection-tracking entries with the {@code conntrack} tool (Debian's
 * {@code conntrack}), as kube-proxy does. Without the tool, it says once what UDP Services lose
 * (flows stay on an endpoint that went until their entry expires) and what to install.
 */
final class Conntrack {
  private static final Logger LOG = LoggerFactory.getLogger(Conntrack.class);
  private static final String NONE_DELETED = "0 flow entries have been deleted";

  private final AtomicBoolean missingSaid = new AtomicBoolean();

  /** Runs each command; one that matched nothing is no error. */
  void delete(List<List<String>> commands) {
    for (List<String> command : commands) {
      try {
        Exec.check(command.toArray(String[]::new));
      } catch (Exec.Failed e) {
        if (!e.getMessage().contains(NONE_DELETED)) {
          LOG.warn("stale UDP flows not deleted: {}", e.getMessage());
        }
      } catch (java.io.UncheckedIOException e) {
        if (missingSaid.compareAndSet(false, true)) {
          LOG.warn("no conntrack tool: a UDP flow to a Service stays on an endpoint that went until its"
              + " entry expires (apt-get install conntrack)");
        }
        return;
      }
    }
  }
}
