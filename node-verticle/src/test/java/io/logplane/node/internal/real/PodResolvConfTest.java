package io.logplane.node.internal.real;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The resolv.conf of a real node's pods: the machine's without its loopback name servers. */
class PodResolvConfTest {

  @Test
  void loopbackNameServersAreLeftOut() {
    assertEquals("search example.org\nnameserver 192.0.2.53\n", PodResolvConf.of(
        "nameserver 127.0.0.53\nsearch example.org\nnameserver 192.0.2.53\nnameserver ::1\n"));
    assertEquals("", PodResolvConf.of("nameserver 127.0.0.53\n"));
  }
}
