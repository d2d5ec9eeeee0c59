package io.logplane.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * The queries of the dns scenario: an A query for each Service's name, expecting its cluster IP,
 * and enough for names of the namespace that no Service has, expecting NXDOMAIN, to make the
 * share asked; in an order shuffled once with a fixed seed, so every run sends the same sequence.
 * Each query's wire form is built once; only its id changes per send.
 */
final class DnsQueries {

  /** One name to ask: its query without an id, and the address expected (null: NXDOMAIN). */
  record Query(String name, byte[] wire, String address) {}

  /** What one reply was: the answer expected, or which way it was wrong. */
  enum Outcome { OK, WRONG_RCODE, WRONG_ADDRESS, NOT_DNS }

  private final List<Query> queries;

  private DnsQueries(List<Query> queries) {
    this.queries = queries;
  }

  /**
   * @param addresses  each Service's fully qualified name ({@code svc.ns.svc.cluster.local.}) and
   *                   its cluster IP
   * @param missing    a name that has no Service, with {@code %d} for a number
   * @param nxPercent  the share of NXDOMAIN queries, 0 to 99
   */
  static DnsQueries mix(Map<String, String> addresses, String missing, int nxPercent) {
    if (addresses.isEmpty() || nxPercent < 0 || nxPercent > 99) {
      throw new IllegalArgumentException("need names and an NXDOMAIN share in [0, 99]");
    }
    List<Query> all = new ArrayList<>();
    addresses.forEach((name, ip) -> all.add(query(name, ip)));
    int nx = (int) Math.round(addresses.size() * nxPercent / (100.0 - nxPercent));
    for (int i = 0; i < nx; i++) {
      all.add(query(String.format(missing, i), null));
    }
    all.sort(java.util.Comparator.comparing(Query::name));
    Collections.shuffle(all, new Random(15));
    return new DnsQueries(List.copyOf(all));
  }

  private static Query query(String name, String address) {
    try {
      Message m = Message.newQuery(Record.newRecord(Name.fromString(name), Type.A, DClass.IN));
      return new Query(name, m.toWire(), address);
    } catch (TextParseException e) {
      throw new IllegalArgumentException("not a DNS name: " + name, e);
    }
  }

  int size() {
    return queries.size();
  }

  /** The {@code i}th query of the endless sequence. */
  Query get(long i) {
    return queries.get((int) (i % queries.size()));
  }

  /** How many of the queries expect NXDOMAIN. */
  long nxdomains() {
    return queries.stream().filter(q -> q.address() == null).count();
  }

  /** The query's wire form with {@code id}. */
  static byte[] withId(Query q, int id) {
    byte[] wire = q.wire().clone();
    wire[0] = (byte) (id >>> 8);
    wire[1] = (byte) id;
    return wire;
  }

  /** The id of a reply (its first two bytes), or -1 when it is too short to be one. */
  static int id(byte[] reply, int length) {
    return length < 12 ? -1 : ((reply[0] & 0xff) << 8) | (reply[1] & 0xff);
  }

  /** Whether {@code reply} answers {@code q} as expected. */
  static Outcome check(Query q, byte[] reply, int length) {
    Message m;
    try {
      m = new Message(java.util.Arrays.copyOf(reply, length));
    } catch (IOException e) {
      return Outcome.NOT_DNS;
    }
    if (q.address() == null) {
      return m.getRcode() == Rcode.NXDOMAIN ? Outcome.OK : Outcome.WRONG_RCODE;
    }
    if (m.getRcode() != Rcode.NOERROR) {
      return Outcome.WRONG_RCODE;
    }
    for (Record r : m.getSection(Section.ANSWER)) {
      if (r instanceof ARecord a && a.getAddress().getHostAddress().equals(q.address())) {
        return Outcome.OK;
      }
    }
    return Outcome.WRONG_ADDRESS;
  }
}
