package io.logplane.launcher;

import io.logplane.broker.EmbeddedKafka;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.file.Path;

/**
 * The ports a server is about to listen on, tried before anything starts: a taken one is one
 * line naming it and what sets it, with the data directory as it was. Found only once the
 * broker runs, the API's port would come after the broker and the log had been opened and
 * written to.
 */
final class PortCheck {

  private static final String API_REMEDY = "set another with --api-port";

  private PortCheck() {}

  /** @throws CannotStartException naming the first port that cannot be listened on */
  static void check(Cluster.Options options) {
    if (options.apiPort() != 0) {
      listenable(options.host(), options.apiPort(), API_REMEDY, "--host");
    }
    if (options.ingressPort() > 0) {
      listenable(options.host(), options.ingressPort(), "the Ingress proxy's; set another with --ingress-port",
          "--host");
    }
    if (options.ingressTlsPort() > 0) {
      listenable(options.host(), options.ingressTlsPort(),
          "the Ingress proxy's; set another with --ingress-tls-port", "--host");
    }
    if (options.externalKafka() != null) {
      return;
    }
    Path logDir = options.dataDir().resolve("kafka");
    int port = options.kafkaPort() != 0 ? options.kafkaPort() : EmbeddedKafka.persistedPort(logDir).orElse(0);
    if (port != 0) {
      listenable("127.0.0.1", port, "the embedded Kafka broker's; set another with --kafka-port", null);
    }
    int controller = EmbeddedKafka.persistedControllerPort(logDir).orElse(0);
    if (controller != 0) {
      listenable("127.0.0.1", controller, "the embedded Kafka controller's; set another as controller.port in "
          + EmbeddedKafka.settingsFile(logDir), null);
    }
  }

  /**
   * A failure of the API server to start, as one line when its port was taken after the check
   * (by then the broker and the log have started).
   */
  static Exception takenMeanwhile(Exception e, int apiPort) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && t.getMessage().contains("Address already in use")) {
        return new CannotStartException("port " + apiPort + " is in use (" + API_REMEDY + ")");
      }
    }
    return e;
  }

  private static void listenable(String host, int port, String remedy, String hostFlag) {
    InetAddress address;
    try {
      address = InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      throw new CannotStartException("cannot listen on " + host + ": unknown host (set another with " + hostFlag
          + ")");
    }
    try (ServerSocket s = new ServerSocket()) {
      // as the servers bind: a port held only by connections closing (TIME_WAIT) is free
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(address, port), 1);
    } catch (BindException e) {
      String why = String.valueOf(e.getMessage());
      throw new CannotStartException(why.contains("in use") ? "port " + port + " is in use (" + remedy + ")"
          : "port " + port + " on " + host + " cannot be used: " + why + " (" + remedy + ")");
    } catch (IOException e) {
      throw new CannotStartException("port " + port + " on " + host + " cannot be used: " + e.getMessage() + " ("
          + remedy + ")");
    }
  }
}
