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
  private volatile int port;

  public DnsVerticle(Informers informers, DnsOptions options) {
    this.informers = informers;
    this.options = options;
  }

  @Override
  public Future<?> start() {
    Responder responder = new Responder(new ClusterZone(options.domain(), new ClusterState(informers)),
        new Forwarder(options.upstreams()));
    return listen(responder, ATTEMPTS);
  }

  /** How often a free port (port 0) is tried: one free for UDP on the first host may be taken elsewhere. */
  private static final int ATTEMPTS = 10;

  private Future<Void> listen(Responder responder, int attempts) {
    List<String> hosts = options.hosts();
    // The first UDP socket settles the port (a free one for port 0); the rest take the same.
    Future<Void> all = udp(responder, hosts.get(0), options.port()).compose(first -> {
      port = first.localAddress().port();
      List<Future<?>> listening = new ArrayList<>();
      for (int i = 0; i < hosts.size(); i++) {
        if (i > 0) {
          listening.add(udp(responder, hosts.get(i), port));
        }
        // An idle connection is closed after 10 s, as CoreDNS's TCP read timeout.
        NetServer server = vertx.createNetServer(new NetServerOptions().setIdleTimeout(10))
            .connectHandler(s -> TcpFrames.serve(s, responder));
        tcp.add(server);
        listening.add(server.listen(port, hosts.get(i)));
      }
      return Future.all(listening).<Void>mapEmpty();
    });
    if (options.port() != 0 || attempts <= 1) {
      return all;
    }
    // the free UDP port of the first host was taken on another host or for TCP (an outgoing
    // connection's port, say): all closed, and another tried
    return all.recover(failed -> closeAll().transform(closed -> {
      udp.clear();
      tcp.clear();
      return listen(responder, attempts - 1);
    }));
  }

  /** The port it listens on (once started): the one asked, or the free one it took for 0. */
  public int port() {
    return port;
  }

  private Future<DatagramSocket> udp(Responder responder, String host, int at) {
    DatagramSocket socket = vertx.createDatagramSocket();
    socket.handler(packet -> responder.respond(packet.data().getBytes(), false).thenAccept(reply -> {
      if (reply != null) {
        socket.send(Buffer.buffer(reply), packet.sender().port(), packet.sender().host());
      }
    }));
    udp.add(socket);
    return socket.listen(at, host);
  }

  @Override
  public Future<?> stop() {
    return closeAll();
  }

  private Future<Void> closeAll() {
    List<Future<?>> closed = new ArrayList<>();
    udp.forEach(s -> closed.add(s.close()));
    tcp.forEach(s -> closed.add(s.close()));
    return Future.join(closed).mapEmpty();
  }
}
