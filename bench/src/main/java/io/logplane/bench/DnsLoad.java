package io.logplane.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayDeque;

/**
 * A closed-loop DNS load over UDP from one thread, as dnsperf drives a server: up to
 * {@code inFlight} queries outstanding on one socket, a new one sent as each is answered or
 * given up after the timeout, each timed from its send to its reply. Ids cycle through 16 bits;
 * a timeout far shorter than 65,536 sends keeps them apart. A reply to a query given up is late
 * and not counted.
 */
final class DnsLoad {
  private static final int IDS = 1 << 16;

  private final DnsQueries queries;
  private final long[] sentAt = new long[IDS];
  private final long[] queryOf = new long[IDS];
  private final boolean[] outstanding = new boolean[IDS];
  private final ArrayDeque<Integer> order = new ArrayDeque<>();

  /** The figures of one run: answers as expected, wrong ones, timeouts, and the latencies. */
  record Figures(long ok, long wrong, long timeouts, long late, double seconds, Latencies latencies,
      Errors errors) {}

  DnsLoad(DnsQueries queries) {
    this.queries = queries;
  }

  /** Sends {@code count} queries to {@code server} and waits for each (or its timeout). */
  Figures run(InetSocketAddress server, long count, int inFlight, Duration timeout) throws IOException {
    Latencies latencies = new Latencies();
    Errors errors = new Errors();
    long ok = 0;
    long wrong = 0;
    long timeouts = 0;
    long late = 0;
    long sent = 0;
    int pending = 0;
    ByteBuffer in = ByteBuffer.allocate(4096);
    try (DatagramChannel channel = DatagramChannel.open(); Selector selector = Selector.open()) {
      channel.connect(server);
      channel.configureBlocking(false);
      channel.register(selector, SelectionKey.OP_READ);
      long start = System.nanoTime();
      while (sent < count || pending > 0) {
        while (pending < inFlight && sent < count) {
          int id = (int) (sent % IDS);
          queryOf[id] = sent;
          outstanding[id] = true;
          order.add(id);
          sentAt[id] = System.nanoTime();
          channel.write(ByteBuffer.wrap(DnsQueries.withId(queries.get(sent), id)));
          sent++;
          pending++;
        }
        selector.select(1);
        selector.selectedKeys().clear();
        for (in.clear(); channel.receive(in) != null; in.clear()) {
          long now = System.nanoTime();
          int id = DnsQueries.id(in.array(), in.position());
          if (id < 0 || !outstanding[id]) {
            late++;
            continue;
          }
          outstanding[id] = false;
          pending--;
          latencies.record(now - sentAt[id]);
          DnsQueries.Query q = queries.get(queryOf[id]);
          DnsQueries.Outcome outcome = DnsQueries.check(q, in.array(), in.position());
          if (outcome == DnsQueries.Outcome.OK) {
            ok++;
          } else {
            wrong++;
            errors.add(outcome.name(), q.name());
          }
        }
        long now = System.nanoTime();
        while (!order.isEmpty() && (!outstanding[order.peek()]
            || now - sentAt[order.peek()] > timeout.toNanos())) {
          int id = order.poll();
          if (outstanding[id]) {
            outstanding[id] = false;
            pending--;
            timeouts++;
            errors.add("timeout", queries.get(queryOf[id]).name());
          }
        }
      }
      return new Figures(ok, wrong, timeouts, late, Plane.seconds(start, System.nanoTime()),
          latencies, errors);
    }
  }
}
