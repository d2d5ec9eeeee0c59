package io.logplane.dns.internal;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;

/**
 * Sends a query for a name outside the cluster to the upstream resolvers (the host's), each in
 * turn, and hands back their answer under the asker's ID; SERVFAIL when none answers.
 */
public final class Forwarder {

  private final Resolver resolver;

  public Forwarder(List<InetSocketAddress> upstreams) {
    if (upstreams.isEmpty()) {
      throw new IllegalArgumentException("no upstream resolver to forward to");
    }
    ExtendedResolver r = new ExtendedResolver(upstreams.stream().map(SimpleResolver::new).toArray(Resolver[]::new));
    r.setTimeout(Duration.ofSeconds(2));
    r.setRetries(2);
    this.resolver = r;
  }

  CompletionStage<Message> forward(Message query) {
    int id = query.getHeader().getID();
    return resolver.sendAsync(query.clone()).handle((answer, failure) -> {
      if (failure != null) {
        return Replies.to(query, Rcode.SERVFAIL);
      }
      answer.getHeader().setID(id);
      return answer;
    });
  }
}
