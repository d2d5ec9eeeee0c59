package io.logplane.tests;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * A resolver on loopback standing in for the host's (which CI cannot be relied on to have): it
 * knows one name, {@link #NAME} at {@link #ADDRESS}, and says NXDOMAIN to the rest.
 */
final class Upstream implements AutoCloseable {

  static final String NAME = "outside.example.";
  static final String ADDRESS = "192.0.2.7";

  private final DatagramSocket socket;

  Upstream() throws IOException {
    socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
    Thread t = new Thread(this::serve, "upstream-dns");
    t.setDaemon(true);
    t.start();
  }

  InetSocketAddress address() {
    return new InetSocketAddress("127.0.0.1", socket.getLocalPort());
  }

  private void serve() {
    byte[] buf = new byte[4096];
    while (!socket.isClosed()) {
      try {
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        socket.receive(p);
        Message q = new Message(java.util.Arrays.copyOf(p.getData(), p.getLength()));
        Message r = new Message(q.getHeader().getID());
        r.getHeader().setFlag(Flags.QR);
        r.addRecord(q.getQuestion(), Section.QUESTION);
        Name name = q.getQuestion().getName();
        if (name.equals(Name.fromConstantString(NAME))) {
          if (q.getQuestion().getType() == Type.A) {
            r.addRecord(new ARecord(name, DClass.IN, 60, InetAddress.getByName(ADDRESS)), Section.ANSWER);
          }
        } else {
          r.getHeader().setRcode(Rcode.NXDOMAIN);
        }
        byte[] out = r.toWire();
        socket.send(new DatagramPacket(out, out.length, p.getSocketAddress()));
      } catch (IOException e) {
        // closed, or a query it could not read: the next one
      }
    }
  }

  @Override
  public void close() {
    socket.close();
  }
}
