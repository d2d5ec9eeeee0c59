package io.logplane.launcher;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.admission.SecretCipher;
import io.logplane.api.rbac.AuthorizedWriter;
import io.logplane.api.rbac.RbacAuthorizer;
import io.logplane.controllers.Controller;
import io.logplane.controllers.ControllerContext;
import io.logplane.controllers.ControllerVerticle;
import io.logplane.controllers.Controllers;
import io.logplane.controllers.apiservice.KubernetesServiceController;
import io.logplane.controllers.ingress.IngressProxy;
import io.logplane.controllers.ingress.IngressStatusController;
import io.logplane.controllers.rootca.RootCaPublisher;
import io.logplane.dns.DnsOptions;
import io.logplane.dns.DnsVerticle;
import io.logplane.dns.HostResolvers;
import io.logplane.dns.KubeDns;
import io.logplane.launcher.election.ElectionVerticle;
import io.logplane.launcher.election.WhileLeading;
import io.logplane.projections.ChangelogWriter;
import io.logplane.node.RealNode;
import io.logplane.projections.ClusterNetwork;
import io.logplane.projections.Json;
import io.logplane.projections.PodAdmittingWriter;
import io.logplane.projections.policy.AdmissionPolicies;
import io.logplane.projections.policy.Attributes;
import io.logplane.projections.policy.PolicyAdmittingWriter;
import io.logplane.api.auth.User;
import io.logplane.api.resources.Registry;
import io.logplane.projections.Projection;
import io.logplane.projections.ProposalWriter;
import io.logplane.projections.Proposals;
import io.logplane.projections.informers.Informers;
import io.logplane.projections.metrics.MetricsStore;
import io.logplane.scheduler.SchedulerVerticle;
import io.vertx.core.Deployable;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * What a server runs beside its API over the shared caches: the cluster DNS, the controllers and
 * the scheduler (each group under its Lease), and the Ingress proxy. Each deployment pushes its
 * undeploy onto the cluster's closeables, so it stops before the caches and the projection it
 * reads.
 */
final class ClusterServices {

  private final Cluster.Options options;
  private final Vertx vertx;
  private final Deque<AutoCloseable> closeables;
  private final Informers informers;
  private final Proposals proposals;
  private final Projection projection;
  private final ClusterNetwork network;
  private final MetricsStore metrics;
  private final SecretCipher cipher;
  private final int apiPort;
  private final Registry registry;

  ClusterServices(Cluster.Options options, Vertx vertx, Deque<AutoCloseable> closeables, Informers informers,
      Proposals proposals, Projection projection, ClusterNetwork network, MetricsStore metrics, SecretCipher cipher,
      int apiPort, Registry registry) {
    this.options = options;
    this.registry = registry;
    this.vertx = vertx;
    this.closeables = closeables;
    this.informers = informers;
    this.proposals = proposals;
    this.projection = projection;
    this.network = network;
    this.metrics = metrics;
    this.cipher = cipher;
    this.apiPort = apiPort;
  }

  /** The object the projection holds at a key, or null. */
  /** The identity a controller writes as, as the policies see it. */
  private static Attributes.UserInfo userInfo(String actor) {
    User user = AuthorizedWriter.user(actor);
    return new Attributes.UserInfo(user.name(), user.uid(), user.groups(), user.extra());
  }

  static ObjectNode stored(Projection projection, String key) {
    byte[] bytes = projection.store().get(key);
    return bytes == null ? null : Json.object(bytes);
  }

  /**
   * The controllers, one verticle each, over caches shared by all of them, run while this
   * replica holds the {@code kube-controller-manager} Lease; undeployed (their workers stopped,
   * the Lease released) before the projection they read closes. Their pod creates pass the
   * ServiceAccount admission ({@link PodAdmittingWriter}), their writes the
   * ValidatingAdmissionPolicies ({@link PolicyAdmittingWriter}); {@code pki}'s CA is published to
   * every namespace and signs the certificates approved. Returns the Ingress proxy, or null when the server has none.
   */
  IngressProxy deployControllers(io.logplane.api.auth.Pki pki) throws Exception {
    String caPem = pki.caPem();
    // every controller and the scheduler hold only what their bootstrap roles grant
    RbacAuthorizer rbac = new RbacAuthorizer(informers);
    AdmissionPolicies policies = new AdmissionPolicies(informers, projection.store(), registry::location);
    // they read through the caches what their users may list and watch, as kube authorizes their informers
    Informers managerReads = informers.readBy(ComponentReads.of(rbac,
        AuthorizedWriter.user("system:kube-controller-manager")));
    Informers schedulerReads = informers.readBy(ComponentReads.of(rbac, AuthorizedWriter.user(SchedulerVerticle.USER)));
    ControllerContext ctx = new ControllerContext(managerReads,
        actor -> new AuthorizedWriter(new PolicyAdmittingWriter(new PodAdmittingWriter(new ProposalWriter(proposals,
            actor, Clock.systemUTC()), informers.informer("core/serviceaccounts/")::get,
            informers.informer("core/namespaces/")::get, options.podSecurity(), actor), policies, userInfo(actor),
            key -> stored(projection, key)),
            () -> rbac, AuthorizedWriter.user(actor)),
        projection.store(), Clock.systemUTC(), metrics);
    List<Supplier<Deployable>> controllers = new ArrayList<>();
    for (Controller c : Controllers.all(ctx, network, options.loadBalancerPool())) {
      controllers.add(() -> new ControllerVerticle(c, managerReads));
    }
    Controller apiService = KubernetesServiceController.controller(ctx, new KubernetesServiceController.ApiServer(
        network.apiServiceIp(), advertisedAddress(), apiPort));
    controllers.add(() -> new ControllerVerticle(apiService, managerReads));
    Controller rootCa = RootCaPublisher.controller(ctx, caPem);
    controllers.add(() -> new ControllerVerticle(rootCa, managerReads));
    Controller certificates = CertificateControllers.controller(ctx, rbac, pki);
    controllers.add(() -> new ControllerVerticle(certificates, managerReads));
    IngressProxy ingress = null;
    if (options.ingressPort() >= 0 || options.ingressTlsPort() >= 0) {
      controllers.add(() -> new ControllerVerticle(IngressStatusController.controller(ctx, ingressAddress()),
          managerReads));
      ingress = deployIngressProxy();
    }
    String identity = identity();
    elect("system:kube-controller-manager", "kube-controller-manager", identity, controllers);
    // The scheduler under a Lease of its own, over the same caches, writing as kube-scheduler.
    elect(SchedulerVerticle.USER, "kube-scheduler", identity, List.of(
        () -> new SchedulerVerticle(schedulerReads, new AuthorizedWriter(new ProposalWriter(proposals, SchedulerVerticle.USER,
            Clock.systemUTC()), () -> rbac, AuthorizedWriter.user(SchedulerVerticle.USER)))));
    return ingress;
  }

  /**
   * The cluster DNS on the loopback address and the one pods reach (this machine's node's
   * InternalIP), and the {@code kube-dns} Service pointing at the latter. Every replica serves
   * DNS: it only reads. Returns the port it took.
   */
  int deployDns() throws Exception {
    String podFacing = RealNode.hostAddress();
    List<String> hosts = podFacing.equals("127.0.0.1") ? List.of("127.0.0.1") : List.of("127.0.0.1", podFacing);
    List<InetSocketAddress> upstreams = options.dnsUpstreams().isEmpty()
        ? HostResolvers.of(Files.readString(Path.of("/etc/resolv.conf")))
        : options.dnsUpstreams();
    DnsOptions dns = new DnsOptions(hosts, options.dnsPort(), DnsOptions.CLUSTER_LOCAL, upstreams);
    DnsVerticle verticle = new DnsVerticle(informers, dns);
    try {
      String id = vertx.deployVerticle(verticle).await(30, TimeUnit.SECONDS);
      closeables.push(() -> vertx.undeploy(id).await(10, TimeUnit.SECONDS));
    } catch (Exception e) {
      throw new CannotStartException("the DNS cannot listen on port " + options.dnsPort() + " of " + hosts
          + " (give another with --dns-port): " + e.getMessage());
    }
    KubeDns.ensure(new ProposalWriter(proposals, KubeDns.USER, Clock.systemUTC()),
        key -> stored(projection, key.toString()), network.dnsServiceIp(), podFacing, verticle.port());
    return verticle.port();
  }

  /**
   * The Ingress proxy, on every replica that runs controllers (its status is written by the
   * elected one); it reads Secrets unsealed, as the API serves them to an authorized reader.
   */
  private IngressProxy deployIngressProxy() throws Exception {
    IngressProxy ingress = new IngressProxy(informers, new IngressProxy.Config(options.host(), options.ingressPort(),
        options.ingressTlsPort(), sealed -> {
          ObjectNode open = sealed.deepCopy();
          cipher.unseal(open);
          return open;
        }));
    String id = vertx.deployVerticle(ingress).await(30, TimeUnit.SECONDS);
    closeables.push(() -> vertx.undeploy(id).await(20, TimeUnit.SECONDS));
    return ingress;
  }

  /** The address Ingresses are published at: the host listened on, or this machine's address for all of them. */
  private String ingressAddress() {
    if (!options.host().equals("0.0.0.0")) {
      return options.host();
    }
    try {
      return InetAddress.getLocalHost().getHostAddress();
    } catch (IOException e) {
      return "127.0.0.1";
    }
  }

  /**
   * The address pods reach the API at, as kube-apiserver's {@code --advertise-address}: the one
   * listened on, or this machine's (the node's InternalIP) when that is every address or loopback.
   */
  private String advertisedAddress() {
    String host = options.host();
    return host.equals("0.0.0.0") || host.startsWith("127.") ? RealNode.hostAddress() : host;
  }

  /**
   * Servers sharing a log each keep a store, but one changelog: the replica holding the
   * {@code logplane-changelog} Lease in kube-system writes it, and another takes over within the
   * Lease's 15 s when it goes.
   */
  void electChangelogWriter(ChangelogWriter changes) throws Exception {
    elect("system:logplane:changelog-writer", "logplane-changelog", identity(),
        List.of(() -> new WhileLeading(changes::lead)));
  }

  /** Runs a group of verticles while this replica holds their Lease; undeployed before the caches close. */
  private void elect(String user, String lease, String identity, List<Supplier<Deployable>> group) throws Exception {
    String id = vertx.deployVerticle(new ElectionVerticle(informers,
        new ProposalWriter(proposals, user, Clock.systemUTC()), lease, identity, group)).await(30, TimeUnit.SECONDS);
    closeables.push(() -> vertx.undeploy(id).await(20, TimeUnit.SECONDS));
  }

  /** This replica's holder identity in Leases: host and API port (which replica it is), and a unique suffix. */
  private String identity() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      host = "localhost";
    }
    return host + ":" + apiPort + "_" + UUID.randomUUID();
  }
}
