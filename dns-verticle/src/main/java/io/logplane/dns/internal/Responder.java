package io.logplane.dns.internal;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Turns one query off the wire into the reply for the wire: the cluster zone's answer, the
 * upstream's for other names, or the rcode a bad query earns (FORMERR for one that does not
 * parse or asks other than one question, NOTIMP for an opcode other than QUERY, REFUSED for a
 * class other than IN or a zone transfer). One bad query never stops others: it gets its rcode.
 */
public final class Responder {

  /** The most a UDP reply holds when the query offered no larger size (RFC 1035). */
  static final int UDP_MIN = 512;

  private final ClusterZone zone;
  private final Forwarder forwarder;

  public Responder(ClusterZone zone, Forwarder forwarder) {
    this.zone = zone;
    this.forwarder = forwarder;
  }

  /**
   * The reply's bytes, or null for what earns none (fewer bytes than a header, a response).
   * Over UDP a reply larger than the asker takes is truncated (TC set: it asks again over TCP).
   */
  public CompletionStage<byte[]> respond(byte[] wire, boolean tcp) {
    Message query;
    try {
      query = new Message(wire);
    } catch (IOException e) {
      return CompletableFuture.completedFuture(formerr(wire));
    }
    if (query.getHeader().getFlag(Flags.QR)) {
      return CompletableFuture.completedFuture(null);
    }
    int max = tcp ? 65535 : query.getOPT() == null ? UDP_MIN : Math.max(UDP_MIN, query.getOPT().getPayloadSize());
    return answer(query).thenApply(m -> m.toWire(max));
  }

  /** The answer to a query that parsed. */
  public CompletionStage<Message> answer(Message query) {
    if (query.getHeader().getOpcode() != Opcode.QUERY) {
      return done(Replies.to(query, Rcode.NOTIMP));
    }
    if (query.getHeader().getCount(Section.QUESTION) != 1) {
      return done(Replies.to(query, Rcode.FORMERR));
    }
    Record q = query.getQuestion();
    if (q.getDClass() != DClass.IN) {
      return done(Replies.to(query, Rcode.REFUSED));
    }
    if (q.getType() == Type.AXFR || q.getType() == Type.IXFR) {
      return done(Replies.to(query, Rcode.REFUSED));
    }
    if (zone.covers(q.getName())) {
      return done(zone.answer(query));
    }
    if (q.getType() == Type.PTR) {
      Message ptr = zone.reverse(query);
      if (ptr != null) {
        return done(ptr);
      }
    }
    return forwarder.forward(query);
  }

  /** FORMERR under the query's ID when at least its header is there; nothing otherwise. */
  private static byte[] formerr(byte[] wire) {
    if (wire.length < Header.LENGTH) {
      return null;
    }
    Message r = new Message(((wire[0] & 0xff) << 8) | (wire[1] & 0xff));
    r.getHeader().setFlag(Flags.QR);
    r.getHeader().setOpcode((wire[2] >> 3) & 0xf);
    r.getHeader().setRcode(Rcode.FORMERR);
    return r.toWire();
  }

  private static CompletionStage<Message> done(Message m) {
    return CompletableFuture.completedFuture(m);
  }
}
