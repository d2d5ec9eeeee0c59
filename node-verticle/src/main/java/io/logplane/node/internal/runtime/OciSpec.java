package io.logplane.node.internal.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes runc's {@code config.json} (OCI runtime spec 1.0) for a pod's container, as a CRI
 * runtime would from what the kubelet asks: the process (command line, environment, working
 * directory, user, capabilities), the root (read-only when asked), the mounts, the namespaces
 * shared with the pod's holder and the cgroup settings. Pure: everything it needs comes in.
 *
 * <p>It never sets a negative {@code oomScoreAdj}: raising it is always allowed, lowering it
 * needs {@code CAP_SYS_RESOURCE}, which a node in a container may not have.
 */
public final class OciSpec {

  static final List<String> MASKED = List.of("/proc/acpi", "/proc/asound", "/proc/kcore",
      "/proc/keys", "/proc/latency_stats", "/proc/timer_list", "/proc/timer_stats",
      "/proc/sched_debug", "/proc/scsi", "/sys/firmware");
  static final List<String> READ_ONLY = List.of("/proc/bus", "/proc/fs", "/proc/irq",
      "/proc/sys", "/proc/sysrq-trigger");

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private final List<String> privilegedCapabilities;

  /** @param privilegedCapabilities what a privileged container gets: all the node holds */
  public OciSpec(List<String> privilegedCapabilities) {
    this.privilegedCapabilities = List.copyOf(privilegedCapabilities);
  }

  /**
   * The spec of one of the pod's containers.
   *
   * @param env         the container's variables ({@link ContainerEnv#of})
   * @param cgroupsPath the container's cgroup, unique on the node
   */
  public ObjectNode container(JsonNode pod, JsonNode container, ImageConfig image,
      Map<String, String> env, PodContext ctx, List<VolumeMount> volumes, String cgroupsPath) {
    JsonNode sc = container.path("securityContext");
    JsonNode podSc = pod.path("spec").path("securityContext");
    boolean privileged = sc.path("privileged").asBoolean(false);

    // A container with a terminal gets it from conmon (--terminal), as CRI-O's.
    ObjectNode process = F.objectNode().put("terminal", container.path("tty").asBoolean(false));
    process.set("user", user(sc, podSc, image.user()));
    strings(process.putArray("args"), ContainerEnv.args(container, image, env));
    strings(process.putArray("env"), ContainerEnv.processEnv(image, ctx.hostname(), env,
        container.path("tty").asBoolean(false)));
    String cwd = container.path("workingDir").asText("");
    process.put("cwd", !cwd.isEmpty() ? cwd : !image.workingDir().isEmpty() ? image.workingDir() : "/");
    capabilities(process, Capabilities.of(sc, privilegedCapabilities));
    process.put("noNewPrivileges", !sc.path("allowPrivilegeEscalation").asBoolean(true));
    if (QosClass.bestEffort(pod)) {
      process.put("oomScoreAdj", 1000);
    }

    ObjectNode spec = base(ctx, process, sc.path("readOnlyRootFilesystem").asBoolean(false));
    ArrayNode mounts = mounts(privileged);
    bind(mounts, ctx.shm(), "/dev/shm", false, "nosuid", "nodev", "noexec");
    bind(mounts, ctx.hosts(), "/etc/hosts", false);
    bind(mounts, ctx.resolvConf(), "/etc/resolv.conf", false);
    bind(mounts, ctx.hostnameFile(), "/etc/hostname", false);
    for (VolumeMount v : volumes) {
      bind(mounts, v.source(), v.destination(), v.readOnly());
    }
    spec.set("mounts", mounts);

    ObjectNode linux = linux(ctx, cgroupsPath, CgroupResources.of(container.path("resources")),
        privileged);
    spec.set("linux", linux);
    return spec;
  }

  /**
   * The spec of the pod's holder: a process that only keeps the pod's namespaces, without
   * capabilities, on a read-only root.
   */
  public ObjectNode holder(List<String> args, PodContext ctx, String cgroupsPath) {
    ObjectNode process = F.objectNode().put("terminal", false);
    process.putObject("user").put("uid", 0).put("gid", 0);
    strings(process.putArray("args"), args);
    strings(process.putArray("env"), List.of("PATH=/bin:/usr/bin:/sbin:/usr/sbin"));
    process.put("cwd", "/");
    capabilities(process, List.of());
    process.put("noNewPrivileges", true);
    ObjectNode spec = base(ctx, process, true);
    spec.set("mounts", mounts(false));
    ObjectNode resources = F.objectNode();
    resources.putObject("cpu").put("shares", CgroupResources.shares(0));
    spec.set("linux", linux(ctx, cgroupsPath, resources, false));
    return spec;
  }

  /** The pod's hostname: {@code spec.hostname}, else its name, cut to 63 characters. */
  public static String hostname(JsonNode pod) {
    String name = pod.path("spec").path("hostname").asText("");
    if (name.isEmpty()) {
      name = pod.path("metadata").path("name").asText();
    }
    if (name.length() > 63) {
      name = name.substring(0, 63).replaceAll("[-.]+$", "");
    }
    return name;
  }

  private static ObjectNode base(PodContext ctx, ObjectNode process, boolean readOnlyRoot) {
    ObjectNode spec = F.objectNode().put("ociVersion", "1.0.2");
    spec.set("process", process);
    spec.putObject("root").put("path", "rootfs").put("readonly", readOnlyRoot);
    spec.put("hostname", ctx.hostname());
    return spec;
  }

  private static ObjectNode user(JsonNode sc, JsonNode podSc, String imageUser) {
    String[] image = imageUser.isEmpty() ? new String[0] : imageUser.split(":", 2);
    long uid = sc.has("runAsUser") ? sc.path("runAsUser").asLong()
        : podSc.has("runAsUser") ? podSc.path("runAsUser").asLong() : numeric(image, 0, imageUser);
    long gid = sc.has("runAsGroup") ? sc.path("runAsGroup").asLong()
        : podSc.has("runAsGroup") ? podSc.path("runAsGroup").asLong() : numeric(image, 1, imageUser);
    ObjectNode user = F.objectNode().put("uid", uid).put("gid", gid);
    ArrayNode groups = user.putArray("additionalGids");
    podSc.path("supplementalGroups").forEach(g -> groups.add(g.asLong()));
    if (podSc.has("fsGroup")) {
      groups.add(podSc.path("fsGroup").asLong());
    }
    return user;
  }

  private static long numeric(String[] parts, int index, String whole) {
    if (parts.length <= index || parts[index].isEmpty()) {
      return 0;
    }
    try {
      return Long.parseLong(parts[index]);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "image user " + whole + " is a name: resolve it in the image's /etc/passwd first");
    }
  }

  private static void capabilities(ObjectNode process, List<String> caps) {
    ObjectNode c = process.putObject("capabilities");
    for (String set : List.of("bounding", "effective", "permitted")) {
      strings(c.putArray(set), caps);
    }
  }

  private static ArrayNode mounts(boolean privileged) {
    ArrayNode m = F.arrayNode();
    mount(m, "/proc", "proc", "proc", "nosuid", "noexec", "nodev");
    mount(m, "/dev", "tmpfs", "tmpfs", "nosuid", "strictatime", "mode=755", "size=65536k");
    mount(m, "/dev/pts", "devpts", "devpts", "nosuid", "noexec", "newinstance", "ptmxmode=0666",
        "mode=0620", "gid=5");
    mount(m, "/dev/mqueue", "mqueue", "mqueue", "nosuid", "noexec", "nodev");
    mount(m, "/sys", "sysfs", "sysfs", "nosuid", "noexec", "nodev", privileged ? "rw" : "ro");
    mount(m, "/sys/fs/cgroup", "cgroup", "cgroup", "nosuid", "noexec", "nodev", "relatime",
        privileged ? "rw" : "ro");
    return m;
  }

  private static void mount(ArrayNode mounts, String destination, String type, String source,
      String... options) {
    ObjectNode m = mounts.addObject().put("destination", destination).put("type", type)
        .put("source", source);
    strings(m.putArray("options"), List.of(options));
  }

  private static void bind(ArrayNode mounts, Path source, String destination, boolean readOnly,
      String... extra) {
    ObjectNode m = mounts.addObject().put("destination", destination).put("type", "bind")
        .put("source", source.toString());
    ArrayNode options = m.putArray("options").add("rbind").add("rprivate").add(readOnly ? "ro" : "rw");
    strings(options, List.of(extra));
  }

  private static ObjectNode linux(PodContext ctx, String cgroupsPath, ObjectNode resources,
      boolean privileged) {
    ObjectNode linux = F.objectNode();
    ArrayNode ns = linux.putArray("namespaces");
    ns.addObject().put("type", "mount");
    namespace(ns, "pid", ctx.pidNs());
    namespace(ns, "ipc", ctx.ipcNs());
    if (ctx.netns() != null) {
      namespace(ns, "network", ctx.netns());
      namespace(ns, "uts", ctx.utsNs());
    }
    resources.putArray("devices").addObject().put("allow", privileged).put("access", "rwm");
    linux.set("resources", resources);
    linux.put("cgroupsPath", cgroupsPath);
    if (!privileged) {
      strings(linux.putArray("maskedPaths"), MASKED);
      strings(linux.putArray("readonlyPaths"), READ_ONLY);
    }
    return linux;
  }

  private static void namespace(ArrayNode namespaces, String type, Path join) {
    ObjectNode n = namespaces.addObject().put("type", type);
    if (join != null) {
      n.put("path", join.toString());
    }
  }

  private static void strings(ArrayNode array, List<String> values) {
    values.forEach(array::add);
  }
}
