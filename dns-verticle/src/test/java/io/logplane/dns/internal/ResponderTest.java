package io.logplane.dns.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logplane.projections.informers.Informers;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class ResponderTest {

  private final Informers informers = Informers.detached();
  // Nothing listens there: a test that reached it would see SERVFAIL, not the rcode it expects.
  private final Responder responder = new Responder(
      new ClusterZone("cluster.local", new ClusterState(informers)),
      new Forwarder(List.of(new InetSocketAddress("127.0.0.1", 9))));

  private Message reply(byte[] wire, boolean tcp) throws Exception {
    byte[] out = responder.respond(wire, tcp).toCompletableFuture().get();
    return out == null ? null : new Message(out);
  }

  @Test
  void garbageWithAHeaderIsFormerrUnderItsId() throws Exception {
    byte[] wire = {0x12, 0x34, 0x01, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x05, 'a'};
    Message r = reply(wire, false);
    assertEquals(0x1234, r.getHeader().getID());
    assertEquals(Rcode.FORMERR, r.getRcode());
  }

  @Test
  void lessThanAHeaderAndResponsesGetNothing() throws Exception {
    assertNull(reply(new byte[] {1, 2, 3}, false));
    Message response = ClusterZoneTest.query("web.default.svc.cluster.local.", Type.A);
    response.getHeader().setFlag(Flags.QR);
    assertNull(reply(response.toWire(), false));
  }

  @Test
  void twoQuestionsAreFormerr() throws Exception {
    Message q = ClusterZoneTest.query("a.default.svc.cluster.local.", Type.A);
    q.addRecord(Record.newRecord(Name.fromConstantString("b.default.svc.cluster.local."), Type.A, DClass.IN),
        Section.QUESTION);
    assertEquals(Rcode.FORMERR, reply(q.toWire(), false).getRcode());
  }

  @Test
  void anotherOpcodeIsNotimp() throws Exception {
    Message q = ClusterZoneTest.query("cluster.local.", Type.SOA);
    q.getHeader().setOpcode(Opcode.STATUS);
    assertEquals(Rcode.NOTIMP, reply(q.toWire(), false).getRcode());
  }

  @Test
  void anotherClassOrAZoneTransferIsRefused() throws Exception {
    Message chaos = Message.newQuery(Record.newRecord(Name.fromConstantString("version.bind."), Type.TXT, DClass.CH));
    assertEquals(Rcode.REFUSED, reply(chaos.toWire(), false).getRcode());
    Message axfr = ClusterZoneTest.query("cluster.local.", Type.AXFR);
    assertEquals(Rcode.REFUSED, reply(axfr.toWire(), true).getRcode());
  }

  @Test
  void aUdpReplyTooLargeIsTruncated() throws Exception {
    StringBuilder eps = new StringBuilder();
    for (int i = 1; i <= 60; i++) {
      eps.append(i > 1 ? "," : "").append("{'addresses':['10.244.0.").append(i).append("']}");
    }
    informers.informer("core/services/").apply("core/services/default/big", ClusterZoneTest.json(
        "{'metadata':{'namespace':'default','name':'big'},'spec':{'clusterIP':'None'}}"), 1);
    informers.informer("discovery.k8s.io/endpointslices/").apply("discovery.k8s.io/endpointslices/default/big",
        ClusterZoneTest.json("{'metadata':{'namespace':'default','name':'big','labels':"
            + "{'kubernetes.io/service-name':'big'}},'endpoints':[" + eps + "]}"), 1);
    byte[] q = ClusterZoneTest.query("big.default.svc.cluster.local.", Type.A).toWire();
    Message udp = reply(q, false);
    assertTrue(udp.getHeader().getFlag(Flags.TC));
    Message tcp = reply(q, true);
    assertEquals(60, tcp.getSection(Section.ANSWER).size());
  }
}
