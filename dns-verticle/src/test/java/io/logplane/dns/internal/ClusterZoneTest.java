package io.logplane.dns.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Json;
import io.logplane.projections.informers.Informers;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class ClusterZoneTest {

  private final Informers informers = Informers.detached();
  private ClusterZone zone;

  static Message query(String name, int type) {
    return Message.newQuery(Record.newRecord(Name.fromConstantString(name), type, DClass.IN));
  }

  static ObjectNode json(String s) {
    return Json.object(s.replace('\'', '"').getBytes());
  }

  private void put(String key, String object) {
    informers.informer(key.substring(0, key.indexOf('/', key.indexOf('/') + 1) + 1)).apply(key, json(object), 1);
  }

  private void service(String ns, String name, String spec) {
    put("core/services/" + ns + "/" + name,
        "{'metadata':{'namespace':'" + ns + "','name':'" + name + "'},'spec':" + spec + "}");
  }

  @BeforeEach
  void cluster() {
    put("core/namespaces//default", "{'metadata':{'name':'default'}}");
    service("default", "web", "{'clusterIP':'10.96.0.20','clusterIPs':['10.96.0.20'],"
        + "'ports':[{'name':'http','protocol':'TCP','port':80},{'name':'dns','protocol':'UDP','port':53}]}");
    service("default", "db", "{'clusterIP':'None','ports':[{'name':'pg','protocol':'TCP','port':5432}]}");
    put("discovery.k8s.io/endpointslices/default/db-abc", "{'metadata':{'namespace':'default','name':'db-abc',"
        + "'labels':{'kubernetes.io/service-name':'db'}},'ports':[{'name':'pg','port':15432,'protocol':'TCP'}],"
        + "'endpoints':[{'addresses':['10.244.0.5'],'hostname':'db-0','conditions':{'ready':true}},"
        + "{'addresses':['10.244.0.6'],'conditions':{'ready':true}},"
        + "{'addresses':['10.244.0.7'],'hostname':'db-2','conditions':{'ready':false}}]}");
    service("default", "ext", "{'type':'ExternalName','externalName':'example.org'}");
    zone = new ClusterZone("cluster.local", new ClusterState(informers));
  }

  private Message ask(String name, int type) {
    Message r = zone.answer(query(name, type));
    assertTrue(r.getHeader().getFlag(Flags.AA));
    return r;
  }

  private static Set<String> answers(Message r) {
    return r.getSection(Section.ANSWER).stream().map(Record::rdataToString).collect(Collectors.toSet());
  }

  private static void assertNoData(Message r) {
    assertEquals(Rcode.NOERROR, r.getRcode());
    assertTrue(r.getSection(Section.ANSWER).isEmpty());
    assertEquals(Type.SOA, r.getSection(Section.AUTHORITY).get(0).getType());
  }

  private static void assertNxdomain(Message r) {
    assertEquals(Rcode.NXDOMAIN, r.getRcode());
    assertEquals(Type.SOA, r.getSection(Section.AUTHORITY).get(0).getType());
  }

  @Test
  void clusterIpServiceHasItsAddressWithTtl30() {
    Message r = ask("web.default.svc.cluster.local.", Type.A);
    assertEquals(Set.of("10.96.0.20"), answers(r));
    assertEquals(30, r.getSection(Section.ANSWER).get(0).getTTL());
  }

  @Test
  void namesAreCaseInsensitive() {
    Message r = ask("WEB.Default.SVC.cluster.local.", Type.A);
    assertEquals(Set.of("10.96.0.20"), answers(r));
  }

  @Test
  void aaaaOfAnIpv4ServiceIsNoData() {
    assertNoData(ask("web.default.svc.cluster.local.", Type.AAAA));
  }

  @Test
  void headlessServiceHasItsReadyEndpoints() {
    assertEquals(Set.of("10.244.0.5", "10.244.0.6"), answers(ask("db.default.svc.cluster.local.", Type.A)));
  }

  @Test
  void endpointsByHostnameOrDashedAddress() {
    assertEquals(Set.of("10.244.0.5"), answers(ask("db-0.db.default.svc.cluster.local.", Type.A)));
    assertEquals(Set.of("10.244.0.6"), answers(ask("10-244-0-6.db.default.svc.cluster.local.", Type.A)));
    assertNxdomain(ask("db-9.db.default.svc.cluster.local.", Type.A));
  }

  @Test
  void srvOfANamedPortOfAClusterIpService() {
    Message r = ask("_http._tcp.web.default.svc.cluster.local.", Type.SRV);
    SRVRecord srv = (SRVRecord) r.getSection(Section.ANSWER).get(0);
    assertEquals(80, srv.getPort());
    assertEquals("web.default.svc.cluster.local.", srv.getTarget().toString());
    assertEquals(Set.of("10.96.0.20"), r.getSection(Section.ADDITIONAL).stream()
        .filter(a -> a.getType() == Type.A).map(Record::rdataToString).collect(Collectors.toSet()));
    assertNxdomain(ask("_http._udp.web.default.svc.cluster.local.", Type.SRV));
    assertNoData(ask("_http._tcp.web.default.svc.cluster.local.", Type.A));
  }

  @Test
  void srvOfAHeadlessServiceNamesEachReadyEndpointAtItsPort() {
    Message r = ask("_pg._tcp.db.default.svc.cluster.local.", Type.SRV);
    Set<String> targets = r.getSection(Section.ANSWER).stream()
        .map(a -> ((SRVRecord) a).getPort() + " " + ((SRVRecord) a).getTarget()).collect(Collectors.toSet());
    assertEquals(Set.of("15432 db-0.db.default.svc.cluster.local.", "15432 10-244-0-6.db.default.svc.cluster.local."),
        targets);
  }

  @Test
  void externalNameIsACname() {
    Message r = ask("ext.default.svc.cluster.local.", Type.A);
    assertEquals(Type.CNAME, r.getSection(Section.ANSWER).get(0).getType());
    assertEquals(Set.of("example.org."), answers(r));
  }

  @Test
  void podNamesSpellTheirAddress() {
    assertEquals(Set.of("10.244.1.2"), answers(ask("10-244-1-2.default.pod.cluster.local.", Type.A)));
    assertNxdomain(ask("10-244-1-999.default.pod.cluster.local.", Type.A));
    assertNoData(ask("10-244-1-2.default.pod.cluster.local.", Type.AAAA));
  }

  @Test
  void missingNamesAreNxdomainAndEmptyNonTerminalsNoData() {
    assertNxdomain(ask("nope.default.svc.cluster.local.", Type.A));
    assertNxdomain(ask("web.nope.svc.cluster.local.", Type.A));
    assertNxdomain(ask("nope.cluster.local.", Type.A));
    assertNoData(ask("default.svc.cluster.local.", Type.A));
    assertNoData(ask("svc.cluster.local.", Type.A));
    assertNoData(ask("cluster.local.", Type.A));
    assertEquals(Type.SOA, ask("cluster.local.", Type.SOA).getSection(Section.ANSWER).get(0).getType());
  }

  @Test
  void ptrOfAServiceAndOfAnEndpoint() {
    assertEquals(Set.of("web.default.svc.cluster.local."),
        answers(zone.reverse(query("20.0.96.10.in-addr.arpa.", Type.PTR))));
    assertEquals(Set.of("db-0.db.default.svc.cluster.local."),
        answers(zone.reverse(query("5.0.244.10.in-addr.arpa.", Type.PTR))));
    assertNull(zone.reverse(query("9.9.9.9.in-addr.arpa.", Type.PTR)));
  }

  @Test
  void answersFollowChanges() {
    informers.informer("core/services/").apply("core/services/default/web", null, 2);
    assertNxdomain(ask("web.default.svc.cluster.local.", Type.A));
    put("discovery.k8s.io/endpointslices/default/db-abc", "{'metadata':{'namespace':'default','name':'db-abc',"
        + "'labels':{'kubernetes.io/service-name':'db'}},'endpoints':[]}");
    assertNoData(ask("db.default.svc.cluster.local.", Type.A));
  }
}
