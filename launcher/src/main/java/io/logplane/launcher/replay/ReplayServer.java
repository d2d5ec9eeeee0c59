package io.logplane.launcher.replay;

import io.logplane.api.ApiContext;
import io.logplane.api.ApiServer;
import io.logplane.api.admission.SecretCipher;
import io.logplane.api.auth.Kubeconfig;
import io.logplane.api.auth.Pki;
import io.logplane.api.auth.Tokens;
import io.logplane.api.resources.Registry;
import io.logplane.launcher.Crds;
import io.logplane.projections.Projection;
import io.logplane.projections.Proposals;
import io.logplane.projections.StateMachine;
import io.logplane.projections.Store;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.KeyCertOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Serves a replayed store read-only: the Logplane API server over the store (a projection that
 * never moves, on a log that ends at the replayed offset) on the loopback, behind a
 * {@link ReadOnlyProxy} that refuses writes. Uses the data directory's CA, admin token and
 * secret keys, and never destroys a key (the cluster it came from still owns them).
 */
public final class ReplayServer implements AutoCloseable {

  private final Vertx vertx;
  private final Projection projection;
  private final HttpServer front;
  private final String url;
  private final Path kubeconfig;

  private ReplayServer(Vertx vertx, Projection projection, HttpServer front, String url, Path kubeconfig) {
    this.vertx = vertx;
    this.projection = projection;
    this.front = front;
    this.url = url;
    this.kubeconfig = kubeconfig;
  }

  /**
   * Starts serving the store at its applied offset and writes a kubeconfig for it.
   *
   * @param dataDir    the data directory of the cluster the log belongs to (CA, tokens, keys)
   * @param kubeconfig where to write the kubeconfig
   * @param port       the HTTPS port, 0 for any free one
   */
  public static ReplayServer start(Store store, Path dataDir, Path kubeconfig, String host, int port)
      throws Exception {
    long rv = store.appliedOffset();
    StateMachine machine = Replay.machine();
    Projection projection = new Projection(new ReadOnlyLog(rv), store, machine, 1000);
    Registry registry = new Registry();
    Crds.follow(projection, registry);
    Pki pki = Pki.loadOrCreate(dataDir, List.of());
    Tokens tokens = Tokens.loadOrCreate(dataDir);
    Vertx vertx = Vertx.vertx();
    try {
      ReadOnlyLog log = new ReadOnlyLog(rv);
      ApiContext api = new ApiContext(vertx, log, new Proposals(log, projection), projection, registry,
          SecretCipher.loadOrCreate(dataDir));
      ApiServer backend = new ApiServer(api, machine, new ApiServer.Config("127.0.0.1", 0, pki, tokens));
      vertx.deployVerticle(backend).await(30, TimeUnit.SECONDS);
      HttpServerOptions tls = new HttpServerOptions().setHost(host).setPort(port).setSsl(true)
          .setKeyCertOptions(KeyCertOptions.wrap(pki.serverKeyManager()))
          .setClientAuth(ClientAuth.NONE);
      HttpServer front = new ReadOnlyProxy(vertx, rv, backend.actualPort(), pki.caPem()).listen(tls)
          .await(30, TimeUnit.SECONDS);
      String url = "https://" + (host.equals("0.0.0.0") ? "127.0.0.1" : host) + ":" + front.actualPort();
      Kubeconfig.write(kubeconfig, Kubeconfig.render("logplane-replay-" + rv, url, pki.caPem(), "admin",
          tokens.adminToken(), null, null));
      return new ReplayServer(vertx, projection, front, url, kubeconfig);
    } catch (Exception e) {
      vertx.close();
      throw e;
    }
  }

  /** The HTTPS URL clients use. */
  public String url() {
    return url;
  }

  public int port() {
    return front.actualPort();
  }

  public Path kubeconfig() {
    return kubeconfig;
  }

  /** Stops serving; the store stays open (its owner closes it). */
  @Override
  public void close() {
    try {
      vertx.close().await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      org.slf4j.LoggerFactory.getLogger(ReplayServer.class).warn("stopping the replay server: {}", e.toString());
    }
    projection.close();
  }
}
