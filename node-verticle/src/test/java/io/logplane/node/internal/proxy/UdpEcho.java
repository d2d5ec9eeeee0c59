package io.logplane.node.internal.proxy;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** A UDP server on an address of the host that answers each datagram with its name and the datagram's line. */
final class UdpEcho implements AutoCloseable {
  private final DatagramSocket socket;

  UdpEcho(String ip, String name) throws IOException {
    socket = new DatagramSocket(new InetSocketAddress(ip, 0));
    Thread t = new Thread(() -> {
      byte[] buf = new byte[512];
      while (!socket.isClosed()) {
        try {
          DatagramPacket in = new DatagramPacket(buf, buf.length);
          socket.receive(in);
          byte[] out = (name + " " + new String(in.getData(), 0, in.getLength(), StandardCharsets.UTF_8).trim() + "\n")
              .getBytes(StandardCharsets.UTF_8);
          socket.send(new DatagramPacket(out, out.length, in.getSocketAddress()));
        } catch (IOException closed) {
          return;
        }
      }
    }, "udp-echo-" + name);
    t.setDaemon(true);
    t.start();
  }

  int port() {
    return socket.getLocalPort();
  }

  @Override
  public void close() {
    socket.close();
  }
}
