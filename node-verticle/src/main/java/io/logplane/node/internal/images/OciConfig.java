package io.logplane.node.internal.images;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logplane.node.internal.runtime.ImageConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the store reads of an image's configuration blob (OCI image config, the same JSON as
 * docker's): the run defaults and the layers' diff-ids, lowest first.
 */
record OciConfig(ImageConfig run, List<String> diffIds, String os, String architecture) {

  static final ObjectMapper JSON = new ObjectMapper();

  static OciConfig parse(byte[] blob) throws IOException {
    JsonNode root = JSON.readTree(blob);
    JsonNode c = root.path("config");
    List<String> diffIds = strings(root.path("rootfs").path("diff_ids"));
    for (String diffId : diffIds) {
      Digests.hex(diffId);
    }
    return new OciConfig(new ImageConfig(strings(c.path("Entrypoint")), strings(c.path("Cmd")),
        strings(c.path("Env")), c.path("WorkingDir").asText(""), c.path("User").asText("")),
        diffIds, root.path("os").asText(""), root.path("architecture").asText(""));
  }

  /**
   * The run defaults with the image's user made numeric from its own {@code /etc/passwd} and
   * {@code /etc/group}, as a runtime resolves {@code USER nobody}; a name it does not list fails.
   */
  ImageConfig runIn(Path rootfs) throws IOException {
    String user = run.user();
    if (user.isEmpty() || user.matches("\\d+(:\\d+)?")) {
      return run;
    }
    String[] parts = user.split(":", 2);
    String[] passwd = entry(rootfs.resolve("etc/passwd"), parts[0]);
    String uid = parts[0].matches("\\d+") ? parts[0] : field(passwd, 2, user);
    String gid = parts.length == 2
        ? (parts[1].matches("\\d+") ? parts[1] : field(entry(rootfs.resolve("etc/group"), parts[1]), 2, user))
        : (passwd != null ? passwd[3] : "0");
    return new ImageConfig(run.entrypoint(), run.cmd(), run.env(), run.workingDir(), uid + ":" + gid);
  }

  private static String[] entry(Path file, String name) throws IOException {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    for (String line : Files.readAllLines(file)) {
      String[] f = line.split(":", -1);
      if (f.length >= 4 && f[0].equals(name)) {
        return f;
      }
    }
    return null;
  }

  private static String field(String[] entry, int i, String user) throws IOException {
    if (entry == null) {
      throw new IOException("unable to find user " + user + ": no matching entries in passwd file");
    }
    return entry[i];
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
