package io.logplane.dns;

import io.logplane.dns.internal.ClusterState;
import io.logplane.dns.internal.ClusterZone;
import io.logplane.dns.internal.Forwarder;
import io.logplane.dns.internal.Responder;
import io.logplane.dns.internal.TcpFrames;
import io.logplane.projections.informers.Informers;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * The cluster DNS: UDP and TCP on each address of its {@link DnsOptions}, answering from the
 * shared informers (fed by the applied stream, so an answer follows a change as soon as it is
 * applied) and forwarding other names to the upstream resolvers. It reads only; it writes nothing.
 */
public final class DnsVerticle extends VerticleBase {

  private final Informers informers;
  private final DnsOptions options;
  private final List<DatagramSocket> udp = new ArrayList<>();
  private final List<NetServer> tcp = new ArrayList<>();

  public DnsVerticle(Informers informers, DnsOptions options) {
    this.informers = informers;
    this.options = options;
  }

  @Override
  public Future<?> start() {
    Responder responder = new Responder(new ClusterZone(options.domain(), new ClusterState(informers)),
        new Forwarder(options.upstreams()));
    List<Future<?>> listening = new ArrayList<>();
    for (String host : options.hosts()) {
      DatagramSocket socket = vertx.createDatagramSocket();
      socket.handler(packet -> responder.respond(packet.data().getBytes(), false).thenAccept(reply -> {
        if (reply != null) {
          socket.send(Buffer.buffer(reply), packet.sender().port(), packet.sender().host());
        }
      }));
      udp.add(socket);
      listening.add(socket.listen(options.port(), host));
      // An idle connection is closed after 10 s, as CoreDNS's TCP read timeout.
      NetServer server = vertx.createNetServer(new NetServerOptions().setIdleTimeout(10))
          .connectHandler(s -> TcpFrames.serve(s, responder));
      tcp.add(server);
      listening.add(server.listen(options.port(), host));
    }
    return Future.all(listening);
  }

  @Override
  public Future<?> stop() {
    List<Future<?>> closed = new ArrayList<>();
    udp.forEach(s -> closed.add(s.close()));
    tcp.forEach(s -> closed.add(s.close()));
    return Future.join(closed);
  }
}
