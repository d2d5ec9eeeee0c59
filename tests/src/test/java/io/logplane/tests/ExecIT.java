package io.logplane.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logplane.api.auth.WebSocketBearer;
import io.logplane.tests.http.Api;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link ExecCases} over the WebSocket channel protocol kubectl 1.32 speaks (v5), and what is
 * the WebSocket's own: a v4.base64 client authenticated by the bearer subprotocol, and the
 * errors kubectl prints for a container the pod does not have, a pod on no node, a container
 * that does not run and a command that is not there.
 */
class ExecIT extends ExecCases {
  @Override
  Host host() {
    return new Host("exec-node-it", "10.244.233.0/24", "lpit33", "logplane_it_exec", "logplane-it-exec",
        java.util.Map.of());
  }

  @Test
  void aClientOfTheV4Base64ProtocolAuthenticatedByTheBearerSubprotocolGetsTheExitStatusAsJson()
      throws Exception {
    Api api = ClusterFixture.admin(cluster);
    LinkedBlockingQueue<String> messages = new LinkedBlockingQueue<>();
    StringBuilder part = new StringBuilder();
    WebSocket ws = api.webSocket()
        .subprotocols(WebSocketBearer.protocolOf(api.token()), "v4.base64.channel.k8s.io")
        .buildAsync(api.wsUri("/api/v1/namespaces/default/pods/box/exec?command=sh&command=-c"
            + "&command=echo%20hi%3B%20exit%202&stdout=true&stderr=true"), new WebSocket.Listener() {
              @Override
              public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                part.append(data);
                if (last) {
                  messages.add(part.toString());
                  part.setLength(0);
                }
                w.request(1);
                return null;
              }

              @Override
              public CompletionStage<?> onClose(WebSocket w, int code, String reason) {
                messages.add("closed " + code);
                return null;
              }
            }).get(30, TimeUnit.SECONDS);
    assertEquals("v4.base64.channel.k8s.io", ws.getSubprotocol());
    List<String> got = new java.util.ArrayList<>();
    for (String m; !(m = messages.poll(30, TimeUnit.SECONDS)).startsWith("closed"); ) {
      got.add(m.charAt(0) + new String(Base64.getDecoder().decode(m.substring(1)), StandardCharsets.UTF_8));
    }
    // The empty message that tells the streams are open, the output, the exit on the error channel.
    assertEquals(List.of("1", "1hi\n", "3{\"metadata\":{},\"status\":\"Failure\",\"message\":\"command terminated with"
        + " non-zero exit code: error executing command [sh -c echo hi; exit 2], exit code 2\",\"reason\":"
        + "\"NonZeroExitCode\",\"details\":{\"causes\":[{\"reason\":\"ExitCode\",\"message\":\"2\"}]}}"), got);
  }

  @Test
  void errorsReadAsKubesDo() {
    Kubectl.Result noSuch = kubectl.run("exec", "box", "-c", "zz", "--", "true");
    assertEquals(1, noSuch.exit(), noSuch.all());
    assertEquals("Error from server (BadRequest): container zz is not valid for pod box\n", noSuch.err());

    Kubectl.Result pending = kubectl.run("exec", "nowhere", "--", "true");
    assertEquals(1, pending.exit(), pending.all());
    assertEquals("Error from server (BadRequest): pod nowhere does not have a host assigned\n", pending.err());

    Kubectl.Result ended = kubectl.run("exec", "two", "-c", "done", "--", "true");
    assertEquals(1, ended.exit(), ended.all());
    assertTrue(ended.err().contains("container not found (\"done\")"), ended.err());

    Kubectl.Result missing = kubectl.run("exec", "box", "--", "nosuch");
    assertEquals(1, missing.exit(), missing.all());
    assertEquals("", missing.out());
    assertEquals("error: Internal error occurred: error executing command in container: failed to exec in"
        + " container: OCI runtime exec failed: exec failed: unable to start container process: exec:"
        + " \"nosuch\": executable file not found in $PATH: unknown\n", missing.errBesidesStreamRace());

    Kubectl.Result shell = kubectl.run("exec", "box", "--", "sh", "-c", "nosuch");
    assertEquals(127, shell.exit(), shell.all());
    Kubectl.Result notExecutable = kubectl.run("exec", "box", "--", "sh", "-c", "/bin");
    assertEquals(126, notExecutable.exit(), notExecutable.all());
  }
}
