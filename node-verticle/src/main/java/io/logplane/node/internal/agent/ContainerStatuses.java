package io.logplane.node.internal.agent;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.node.internal.agent.ContainerRun.Running;
import io.logplane.node.internal.agent.ContainerRun.Terminated;
import io.logplane.node.internal.agent.ContainerRun.Waiting;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * {@code containerStatuses} entries. Container and image IDs are digests of what names them
 * (pod uid, container, run; image), so the same run always has the same ID.
 */
final class ContainerStatuses {
  private ContainerStatuses() {}

  static ArrayNode of(String podUid, List<ContainerRun> runs, boolean regular) {
    ArrayNode out = NodeObject.JSON.createArrayNode();
    for (ContainerRun c : runs) {
      ObjectNode s = out.addObject().put("name", c.name());
      state(s.putObject("state"), c.state());
      ObjectNode last = s.putObject("lastState");
      if (c.last() != null) {
        state(last, c.last());
      }
      s.put("ready", c.ready() || !regular && c.state() instanceof Terminated t
          && t.exitCode() == 0);
      s.put("restartCount", c.restartCount());
      s.put("image", c.image());
      s.put("imageID", c.imageId() != null ? c.imageId() : imageId(c.image()));
      if (c.containerId() != null) {
        s.put("containerID", c.containerId());
      } else if (!(c.state() instanceof Waiting) || c.last() != null) {
        s.put("containerID", "hollow://" + digest(podUid + "/" + c.name() + "/"
            + c.restartCount()).substring(0, 32));
      }
      s.put("started", c.started());
    }
    return out;
  }

  /** The digest a registry would give the image: made up, but fixed per image name (hollow runs). */
  static String imageId(String image) {
    String repo = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
    int tag = repo.lastIndexOf(':');
    if (tag > repo.lastIndexOf('/')) {
      repo = repo.substring(0, tag);
    }
    String full = repo.contains("/") ? repo : "docker.io/library/" + repo;
    return full + "@sha256:" + digest(image);
  }

  private static void state(ObjectNode to, ContainerRun.State state) {
    if (state instanceof Waiting w) {
      ObjectNode o = to.putObject("waiting").put("reason", w.reason());
      if (w.message() != null) {
        o.put("message", w.message());
      }
    } else if (state instanceof Running r) {
      to.putObject("running").put("startedAt", Times.time(r.startedAt()));
    } else if (state instanceof Terminated t) {
      to.putObject("terminated").put("exitCode", t.exitCode()).put("reason", t.reason())
          .put("startedAt", Times.time(t.startedAt()))
          .put("finishedAt", Times.time(t.finishedAt()));
    }
  }

  private static String digest(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always has SHA-256", e);
    }
  }
}
