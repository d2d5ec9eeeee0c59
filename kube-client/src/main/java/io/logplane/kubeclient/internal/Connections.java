package io.logplane.kubeclient.internal;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientConnection;
import io.vertx.core.http.HttpConnectOptions;
import io.vertx.core.http.HttpVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntToLongFunction;
import java.util.function.IntUnaryOperator;

/**
 * The connections of one client, used the way client-go's HTTP/2 transport uses them: each
 * stream goes to the round-robin pick of the {@code preferred} connections, or, when that one
 * has as many streams open as the server allows (SETTINGS_MAX_CONCURRENT_STREAMS), to another
 * with room; when none has room another connection is opened, up to {@code max}. Beyond that,
 * a stream waits in the least-loaded connection's queue.
 *
 * <p>Connections are opened on first use and dropped when they close; the next stream that
 * needs one opens it again.
 */
public final class Connections {
  private final HttpClientAgent agent;
  private final HttpConnectOptions target;
  private final int preferred;
  private final int max;
  private final long assumedStreams;
  private final List<Conn> open = new ArrayList<>(); // guarded by this
  private final AtomicInteger opened = new AtomicInteger();
  private int next; // guarded by this
  private final IntUnaryOperator streamsOf = i -> open.get(i).streams;
  private final IntToLongFunction limitOf = i -> open.get(i).limit();

  /**
   * @param assumedStreams the streams a connection is taken to allow until it is open and the
   *     server has said (Go's HTTP/2 transport assumes 100; an HTTP/1.1 connection has one)
   */
  public Connections(HttpClientAgent agent, HttpConnectOptions target, int preferred, int max,
      long assumedStreams) {
    this.agent = agent;
    this.target = target;
    this.preferred = preferred;
    this.max = max;
    this.assumedStreams = assumedStreams;
  }

  /** One connection, being opened or open, and the streams the client has on it. */
  public final class Conn {
    public final Future<HttpClientConnection> connection;
    private int streams; // guarded by Connections.this

    private Conn(Future<HttpClientConnection> connection) {
      this.connection = connection;
    }

    /** The streams the server allows on it, or the assumption while it is being opened. */
    long limit() {
      HttpClientConnection c = connection.result();
      return c == null ? assumedStreams : c.maxActiveStreams();
    }

    /** Gives back the stream taken by {@link Connections#acquire()}. */
    public void release() {
      synchronized (Connections.this) {
        streams--;
      }
    }
  }

  /** Takes a stream on a connection; give it back with {@link Conn#release()} once it ends. */
  public synchronized Conn acquire() {
    int size = open.size();
    if (size < preferred) {
      return take(dial());
    }
    int pick = pick(size, streamsOf, limitOf, Math.floorMod(next++, preferred), size < max);
    return take(pick < 0 ? dial() : open.get(pick));
  }

  /**
   * Which of {@code n} connections gets the next stream: the first with room, starting at
   * {@code start}; -1 to open another when none has room and {@code mayOpen}; else the least
   * loaded (whose queue the stream then waits in).
   */
  static int pick(int n, IntUnaryOperator streams, IntToLongFunction limits, int start,
      boolean mayOpen) {
    int least = start;
    for (int i = 0; i < n; i++) {
      int c = (start + i) % n;
      int s = streams.applyAsInt(c);
      if (s < limits.applyAsLong(c)) {
        return c;
      }
      if (s < streams.applyAsInt(least)) {
        least = c;
      }
    }
    return mayOpen ? -1 : least;
  }

  /** Connections opened so far, including any opened again after one closed. */
  public int opened() {
    return opened.get();
  }

  private Conn take(Conn c) {
    c.streams++;
    return c;
  }

  private Conn dial() {
    opened.incrementAndGet();
    Promise<HttpClientConnection> connected = Promise.promise();
    Conn conn = new Conn(connected.future());
    open.add(conn);
    agent.connect(target).onComplete(ar -> {
      connected.handle(ar);
      if (ar.failed()) {
        drop(conn);
        return;
      }
      HttpClientConnection c = ar.result();
      c.closeHandler(v -> drop(conn));
      if (c.protocolVersion() == HttpVersion.HTTP_2) {
        c.goAwayHandler(g -> drop(conn));
      }
    });
    return conn;
  }

  private synchronized void drop(Conn c) {
    open.remove(c);
  }
}
