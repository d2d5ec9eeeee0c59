package io.logplane.dns.internal;

import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;

/** Builds answers: the header a reply carries, and the SOA that NXDOMAIN and NODATA answers hold. */
final class Replies {

  /** The TTL of every record of the cluster zone, as CoreDNS's kubernetes plugin gives. */
  static final long TTL = 30;
  /** The EDNS payload size this server offers (the DNS flag day's figure). */
  static final int PAYLOAD = 1232;

  private Replies() {}

  /**
   * A reply to a query: its ID and opcode, the question echoed, RD copied, RA set, and an OPT
   * record when the query had one.
   */
  static Message to(Message query, int rcode) {
    Message r = new Message(query.getHeader().getID());
    r.getHeader().setOpcode(query.getHeader().getOpcode());
    r.getHeader().setFlag(Flags.QR);
    r.getHeader().setFlag(Flags.RA);
    if (query.getHeader().getFlag(Flags.RD)) {
      r.getHeader().setFlag(Flags.RD);
    }
    r.getHeader().setRcode(rcode);
    Record q = query.getQuestion();
    if (q != null) {
      r.addRecord(q, Section.QUESTION);
    }
    if (query.getOPT() != null) {
      r.addRecord(new OPTRecord(PAYLOAD, 0, 0), Section.ADDITIONAL);
    }
    return r;
  }

  /** An authoritative reply of the cluster zone. */
  static Message authoritative(Message query, int rcode) {
    Message r = to(query, rcode);
    r.getHeader().setFlag(Flags.AA);
    return r;
  }

  /** A name that does not exist: NXDOMAIN with the zone's SOA. */
  static Message nxdomain(Message query, Name zone) {
    Message r = authoritative(query, Rcode.NXDOMAIN);
    r.addRecord(soa(zone), Section.AUTHORITY);
    return r;
  }

  /** A name that exists without records of the type asked: NOERROR, no answer, the SOA. */
  static Message nodata(Message query, Name zone) {
    Message r = authoritative(query, Rcode.NOERROR);
    r.addRecord(soa(zone), Section.AUTHORITY);
    return r;
  }

  /** The zone's SOA, as CoreDNS writes it (its minimum is the negative-caching TTL). */
  static SOARecord soa(Name zone) {
    try {
      return new SOARecord(zone, DClass.IN, TTL, Name.fromString("ns.dns", zone),
          Name.fromString("hostmaster", zone), 1, 7200, 1800, 86400, TTL);
    } catch (org.xbill.DNS.TextParseException e) {
      throw new IllegalStateException("the zone's own names parse", e);
    }
  }
}
