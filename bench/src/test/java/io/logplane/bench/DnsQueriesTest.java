package io.logplane.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;

/** The dns scenario's query mix and how a reply is judged. */
class DnsQueriesTest {
  private static final String MISSING = "absent-%d.ns.svc.cluster.local.";

  private static Map<String, String> services(int n) {
    Map<String, String> m = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      m.put("svc-" + i + ".ns.svc.cluster.local.", "10.96.0." + (i + 1));
    }
    return m;
  }

  @Test
  void theShareOfNxdomainNamesIsTheOneAsked() {
    DnsQueries q = DnsQueries.mix(services(100), MISSING, 20);
    assertEquals(125, q.size());
    assertEquals(25, q.nxdomains());
    assertEquals(0, DnsQueries.mix(services(100), MISSING, 0).nxdomains());
    assertEquals(900, DnsQueries.mix(services(100), MISSING, 90).nxdomains());
  }

  @Test
  void theOrderIsShuffledButTheSameEveryRunAndRepeatsEndlessly() {
    DnsQueries a = DnsQueries.mix(services(50), MISSING, 20);
    DnsQueries b = DnsQueries.mix(services(50), MISSING, 20);
    List<String> names = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      names.add(a.get(i).name());
      assertEquals(a.get(i).name(), b.get(i).name());
    }
    assertNotEquals(names.stream().sorted().toList(), names);
    assertEquals(a.get(3).name(), a.get(3 + 2L * a.size()).name());
  }

  @Test
  void anIdIsWrittenIntoTheQueryAndReadFromAReply() throws Exception {
    DnsQueries.Query q = DnsQueries.mix(services(1), MISSING, 0).get(0);
    byte[] wire = DnsQueries.withId(q, 0xBEEF);
    Message m = new Message(wire);
    assertEquals(0xBEEF, m.getHeader().getID());
    assertEquals("svc-0.ns.svc.cluster.local.", m.getQuestion().getName().toString());
    assertEquals(0xBEEF, DnsQueries.id(wire, wire.length));
    assertEquals(-1, DnsQueries.id(wire, 11));
    byte[] before = q.wire().clone();
    DnsQueries.withId(q, 0x1234);
    assertArrayEquals(before, q.wire(), "the built query is not changed by an id");
  }

  @Test
  void aReplyIsOkOnlyWithTheExpectedAddressOrNxdomain() throws Exception {
    DnsQueries.Query svc = new DnsQueries.Query("svc-0.ns.svc.cluster.local.",
        DnsQueries.mix(services(1), MISSING, 0).get(0).wire(), "10.96.0.1");
    assertEquals(DnsQueries.Outcome.OK, check(svc, reply(svc, Rcode.NOERROR, "10.96.0.1")));
    assertEquals(DnsQueries.Outcome.WRONG_ADDRESS, check(svc, reply(svc, Rcode.NOERROR, "10.96.0.2")));
    assertEquals(DnsQueries.Outcome.WRONG_ADDRESS, check(svc, reply(svc, Rcode.NOERROR, null)));
    assertEquals(DnsQueries.Outcome.WRONG_RCODE, check(svc, reply(svc, Rcode.NXDOMAIN, null)));
    DnsQueries.Query absent = new DnsQueries.Query(svc.name(), svc.wire(), null);
    assertEquals(DnsQueries.Outcome.OK, check(absent, reply(absent, Rcode.NXDOMAIN, null)));
    assertEquals(DnsQueries.Outcome.WRONG_RCODE, check(absent, reply(absent, Rcode.SERVFAIL, null)));
    assertEquals(DnsQueries.Outcome.NOT_DNS, check(absent, new byte[] {1, 2, 3, 4, 5}));
  }

  @Test
  void badMixes() {
    assertThrows(IllegalArgumentException.class, () -> DnsQueries.mix(Map.of(), MISSING, 10));
    assertThrows(IllegalArgumentException.class, () -> DnsQueries.mix(services(1), MISSING, 100));
    assertThrows(IllegalArgumentException.class,
        () -> DnsQueries.mix(Map.of("not a name..", "10.0.0.1"), MISSING, 0));
  }

  private static DnsQueries.Outcome check(DnsQueries.Query q, byte[] reply) {
    return DnsQueries.check(q, reply, reply.length);
  }

  private static byte[] reply(DnsQueries.Query q, int rcode, String address) throws Exception {
    Message m = new Message(q.wire());
    m.getHeader().setFlag(Flags.QR);
    m.getHeader().setRcode(rcode);
    if (address != null) {
      m.addRecord(new ARecord(Name.fromString(q.name()), DClass.IN, 5,
          InetAddress.getByName(address)), Section.ANSWER);
    }
    return m.toWire();
  }
}
