package io.logplane.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link ExecCases} over SPDY/3.1, which kubectl falls back to (and speaks when told to, with
 * {@code KUBECTL_REMOTE_COMMAND_WEBSOCKETS=false}) and older clients use: one SPDY stream per
 * standard stream, the exit status on the error stream as v4's JSON Status.
 */
class ExecSpdyIT extends ExecCases {
  @Override
  Host host() {
    return new Host("spdyx-node-it", "10.244.219.0/24", "lpit19", "logplane_it_spdyx", "logplane-it-spdyx",
        Map.of("KUBECTL_REMOTE_COMMAND_WEBSOCKETS", "false"));
  }

  @Test
  void kubectlUpgradesToSpdyWithAPost() {
    Kubectl.Result r = kubectl.run("exec", "box", "-v=6", "--", "echo", "spdy");
    assertEquals(0, r.exit(), r.all());
    assertEquals("spdy\n", r.out());
    // The SPDY upgrade is a POST answered 101; WebSocket's would be a GET.
    assertTrue(r.err().matches("(?s).*POST https://\\S+/api/v1/namespaces/default/pods/box/exec\\S* 101 Switching"
        + " Protocols.*"), r.err());
  }
}
