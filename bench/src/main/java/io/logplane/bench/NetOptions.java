package io.logplane.bench;

import java.net.InetSocketAddress;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The options of the dns and service scenarios, a mixin of {@link BenchCommand}. */
final class NetOptions {
  @Option(names = "--dns-server", paramLabel = "HOST:PORT",
      description = "The DNS the dns scenario asks (default: 127.0.0.1 at the port of the"
          + " kube-system/kube-dns Endpoints, where Logplane's DNS listens too).")
  String dnsServer;
  @Option(names = "--dns-services", paramLabel = "N", defaultValue = "100",
      description = "Services whose names the dns scenario asks for (default: ${DEFAULT-VALUE}).")
  int dnsServices;
  @Option(names = "--dns-queries", paramLabel = "N", defaultValue = "200000",
      description = "Queries measured, after as many to warm up (default: ${DEFAULT-VALUE}).")
  long dnsQueries;
  @Option(names = "--dns-in-flight", paramLabel = "N", defaultValue = "20",
      description = "Queries outstanding at once, as dnsperf's -q (default: ${DEFAULT-VALUE}).")
  int dnsInFlight;
  @Option(names = "--dns-nxdomain", paramLabel = "PERCENT", defaultValue = "20",
      description = "Share of the queries for names no Service has (default: ${DEFAULT-VALUE}).")
  int dnsNxdomain;
  @Option(names = "--dns-timeout", paramLabel = "DURATION", defaultValue = "1s",
      description = "When a query is given up (default: ${DEFAULT-VALUE}).")
  String dnsTimeout;
  @Option(names = "--service-requests", paramLabel = "N", defaultValue = "5000",
      description = "GETs of the service scenario per run, to the ClusterIP and as many to a pod"
          + " IP, with keep-alive off and on (default: ${DEFAULT-VALUE}).")
  int serviceRequests;
  @Option(names = "--service-clients", paramLabel = "N", defaultValue = "4",
      description = "Threads sending them (default: ${DEFAULT-VALUE}).")
  int serviceClients;
  @Option(names = "--service-image", paramLabel = "IMAGE", defaultValue = "busybox",
      description = "A busybox image on the node, for the httpd pods (default: ${DEFAULT-VALUE}).")
  String serviceImage;
  @Option(names = "--service-timeout", paramLabel = "DURATION", defaultValue = "2m",
      description = "Wait for the pods Ready; a hundredth of it is one request's timeout"
          + " (default: ${DEFAULT-VALUE}).")
  String serviceTimeout;

  /** The dns scenario's options; bad values are {@link IllegalArgumentException}s. */
  DnsScenario.Options dns(boolean keep) {
    if (dnsServices < 1 || dnsQueries < 1 || dnsInFlight < 1 || dnsInFlight > 10_000) {
      throw new IllegalArgumentException("--dns-services, --dns-queries and --dns-in-flight"
          + " must be positive (in flight at most 10000)");
    }
    if (dnsNxdomain < 0 || dnsNxdomain > 99) {
      throw new IllegalArgumentException("--dns-nxdomain must be a percentage from 0 to 99");
    }
    return new DnsScenario.Options(dnsServer == null ? null : address(dnsServer), dnsServices,
        dnsQueries, dnsInFlight, dnsNxdomain, Units.duration(dnsTimeout), keep);
  }

  /** The service scenario's options; bad values are {@link IllegalArgumentException}s. */
  ServiceScenario.Options service(String node, String pullPolicy, boolean keep) {
    if (serviceRequests < 1 || serviceClients < 1) {
      throw new IllegalArgumentException("--service-requests and --service-clients must be"
          + " positive");
    }
    Duration timeout = Units.duration(serviceTimeout);
    return new ServiceScenario.Options(node, serviceRequests, serviceClients, serviceImage,
        pullPolicy, timeout, keep);
  }

  /** {@code host:port}, {@code [v6]:port}. */
  static InetSocketAddress address(String text) {
    int colon = text.lastIndexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("not HOST:PORT: '" + text + "'");
    }
    String host = text.substring(0, colon).replaceAll("^\\[|\\]$", "");
    try {
      int port = Integer.parseInt(text.substring(colon + 1));
      if (port < 1 || port > 65535) {
        throw new NumberFormatException();
      }
      InetSocketAddress a = new InetSocketAddress(host, port);
      if (a.isUnresolved()) {
        throw new IllegalArgumentException("unknown host in '" + text + "'");
      }
      return a;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not HOST:PORT: '" + text + "'");
    }
  }
}
