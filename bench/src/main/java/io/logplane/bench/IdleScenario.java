package io.logplane.bench;

import io.logplane.kubeclient.KubeClient;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * idle: what idle connections cost the busy ones. Times {@code --idle-requests} GETs of the
 * {@code default} Namespace by {@code --idle-clients} concurrent clients over the bench's own
 * connections, then opens {@code --idle-connections} TLS connections that complete their
 * handshake (offering h2 and http/1.1, as client-go does) and send nothing, times the same GETs
 * beside them, and counts how many the server still held open at the end. The server's memory is
 * sampled before and with them.
 */
final class IdleScenario {

  /** The scenario's options. */
  record Options(int connections, int requests, int clients) {}

  private IdleScenario() {}

  static void run(Plane p, URI server, Options o, String suffix) throws InterruptedException {
    String path = "/api/v1/namespaces/default";
    busy(p, path, o, null); // unmeasured: the path compiled and the connections open, as in the second run
    busy(p, path, o, "idle busy +0" + suffix);
    p.report().accept(p.memory().sample("idle rss +0" + suffix));
    List<SSLSocket> idle = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      long start = System.nanoTime();
      Errors errors = open(server, o.connections(), idle, pool);
      double seconds = (System.nanoTime() - start) / 1e9;
      p.report().accept(Result.of("idle open" + suffix, idle.size(), errors, idle.size() / seconds,
          Latencies.Stats.EMPTY, String.format(Locale.ROOT, "%d TLS connections opened and left idle in %.1f s",
              idle.size(), seconds)));
      busy(p, path, o, "idle busy +" + idle.size() + suffix);
      p.report().accept(p.memory().sample("idle rss +" + idle.size() + suffix));
      int open = stillOpen(idle, pool);
      p.say("idle: %d of %d idle connections still open after the busy requests", open, idle.size());
    } finally {
      pool.shutdownNow();
      for (SSLSocket s : idle) {
        try {
          s.close();
        } catch (IOException e) {
          // closed by the server already
        }
      }
    }
  }

  /** {@code o.requests()} GETs by {@code o.clients()} threads, one at a time each; reported unless label is null. */
  private static void busy(Plane p, String path, Options o, String label) throws InterruptedException {
    KubeClient client = p.client();
    Latencies latencies = new Latencies();
    Errors errors = new Errors();
    AtomicInteger next = new AtomicInteger();
    List<Thread> threads = new ArrayList<>();
    long start = System.nanoTime();
    for (int c = 0; c < o.clients(); c++) {
      Thread t = new Thread(() -> {
        while (next.getAndIncrement() < o.requests()) {
          long t0 = System.nanoTime();
          try {
            KubeClient.Response r = client.send("GET", path, null);
            if (r.ok()) {
              latencies.record(System.nanoTime() - t0);
            } else {
              errors.add("HTTP " + r.status(), r.body());
            }
          } catch (IOException e) {
            errors.add(e.getClass().getSimpleName(), String.valueOf(e.getMessage()));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
      }, "idle-busy-" + c);
      t.start();
      threads.add(t);
    }
    for (Thread t : threads) {
      t.join();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    Result r = Result.of(label, latencies.count(), errors, latencies.count() / seconds, latencies.stats(),
        "GET " + path + ", " + o.clients() + " clients");
    if (label != null) {
      p.report().accept(r);
    }
  }

  private static Errors open(URI server, int n, List<SSLSocket> into, ExecutorService pool)
      throws InterruptedException {
    Errors errors = new Errors();
    SSLContext tls = trustingContext();
    int port = server.getPort() > 0 ? server.getPort() : 443;
    List<Future<?>> all = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      all.add(pool.submit(() -> {
        try {
          SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket(server.getHost(), port);
          SSLParameters params = s.getSSLParameters();
          params.setApplicationProtocols(new String[] {"h2", "http/1.1"});
          s.setSSLParameters(params);
          s.setSoTimeout(30_000);
          s.startHandshake();
          into.add(s);
        } catch (IOException e) {
          errors.add(e.getClass().getSimpleName(), String.valueOf(e.getMessage()));
        }
      }));
    }
    for (Future<?> f : all) {
      try {
        f.get();
      } catch (java.util.concurrent.ExecutionException e) {
        errors.add("failed", e.getCause().toString());
      }
    }
    return errors;
  }

  /** How many of the sockets the server has not closed: a read that times out finds one open. */
  private static int stillOpen(List<SSLSocket> sockets, ExecutorService pool) throws InterruptedException {
    AtomicInteger open = new AtomicInteger();
    List<Future<?>> all = new ArrayList<>();
    for (SSLSocket s : new ArrayList<>(sockets)) {
      all.add(pool.submit(() -> {
        try {
          s.setSoTimeout(20);
          // an HTTP/2 server sends its SETTINGS first: drain what came, until the read waits
          byte[] buffer = new byte[4096];
          while (s.getInputStream().read(buffer) >= 0) {
            // drained
          }
        } catch (SocketTimeoutException e) {
          open.incrementAndGet();
        } catch (IOException e) {
          // closed
        }
      }));
    }
    for (Future<?> f : all) {
      try {
        f.get(60, TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        // counted as closed
      }
    }
    return open.get();
  }

  /** A TLS context that accepts the server's certificate unchecked: the connections carry no secret. */
  private static SSLContext trustingContext() {
    try {
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(null, new TrustManager[] {new X509TrustManager() {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
          return new X509Certificate[0];
        }
      }}, new SecureRandom());
      return tls;
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
