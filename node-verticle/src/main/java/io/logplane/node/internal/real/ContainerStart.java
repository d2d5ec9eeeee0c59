package io.logplane.node.internal.real;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.node.internal.agent.ContainerRun.Waiting;
import io.logplane.node.internal.runtime.ContainerRuntime;
import io.logplane.node.internal.runtime.Image;
import io.logplane.node.internal.runtime.ImageSource;
import io.logplane.node.internal.runtime.VolumeMount;
import io.logplane.node.internal.volumes.ConfigError;
import io.logplane.node.internal.volumes.Env;
import io.logplane.node.internal.volumes.ObjectSource;
import io.logplane.node.internal.volumes.PodFields;
import io.logplane.node.internal.volumes.PodVolumes;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The start step of a pod's sync, for one container, as the kubelet's {@code startContainer}:
 * pull its image (with the pull back-off of {@code ImagePullBackOff}), make its environment and
 * volume mounts, create and start a new run, record the Events of each step, and keep the two
 * latest runs. A step that fails leaves the container waiting with the kubelet's reason
 * ({@code ErrImagePull}, {@code CreateContainerConfigError}, {@code CreateContainerError},
 * {@code RunContainerError}). Blocking.
 */
final class ContainerStart {
  private final ContainerRuntime runtime;
  private final ImageSource images;
  private final PullSecrets secrets;
  private final ObjectSource objects;
  private final Clock clock;
  private final PodEvents events;
  private final CrashBackoff pulls = new CrashBackoff();

  ContainerStart(ContainerRuntime runtime, ImageSource images, PullSecrets secrets,
      ObjectSource objects, Clock clock, PodEvents events) {
    this.runtime = runtime;
    this.images = images;
    this.secrets = secrets;
    this.objects = objects;
    this.clock = clock;
    this.events = events;
  }

  /**
   * Records the id of the image an adopted container's runs were made from, as the store has it
   * now; nothing when the store no longer has it (the status then shows one made up).
   */
  void adoptImage(JsonNode pod, PodMemory m, String name) {
    try {
      Image image = images.resolve(PodSync.container(pod, name).path("image").asText(), "Never", List.of());
      if (image.id() != null) {
        m.imageIds.put(name, image.id());
      }
    } catch (ImageSource.ImageUnavailable | IllegalArgumentException e) {
      // gone from the store, or a container the spec no longer has: no id to tell
    }
  }

  /** Forgets the pull back-offs of a pod that was stopped. */
  void forget(String uid) {
    pulls.forget(uid + "_");
  }

  /**
   * Starts a new run of the container, or says in {@code m.reasons} why it waits.
   *
   * @param mounted the pod's volumes, set up
   */
  void start(JsonNode pod, PodMemory m, String name, Instant now, PodFields.Facts facts,
      Map<String, Path> mounted) {
    JsonNode spec = PodSync.container(pod, name);
    Image resolved = pull(pod, m, name, spec, now);
    if (resolved == null) {
      return;
    }
    Map<String, String> env;
    List<VolumeMount> mounts;
    try {
      env = Env.of(pod, spec, facts, objects);
      mounts = PodVolumes.mounts(pod, spec, mounted, env);
    } catch (ConfigError | ObjectSource.Unavailable e) {
      m.reasons.put(name, new Waiting("CreateContainerConfigError", e.getMessage()));
      return;
    }
    List<Attempt> runs = m.runs.computeIfAbsent(name, k -> new ArrayList<>());
    int number = runs.isEmpty() ? 0 : runs.get(runs.size() - 1).number() + 1;
    String id;
    try {
      id = runtime.createContainer(m.sandbox, pod, name, number, resolved, env, mounts);
    } catch (RuntimeException e) {
      m.reasons.put(name, new Waiting("CreateContainerError", e.getMessage()));
      return;
    }
    runs.add(Attempt.created(name, number, id));
    if (resolved.id() != null) {
      m.imageIds.put(name, resolved.id());
    }
    events.normal(pod, name, "Created", "Created container " + name);
    Instant started;
    try {
      started = runtime.startContainer(id);
    } catch (RuntimeException e) {
      m.reasons.put(name, new Waiting("RunContainerError", e.getMessage()));
      return;
    }
    runs.set(runs.size() - 1, runs.get(runs.size() - 1).started(started));
    events.normal(pod, name, "Started", "Started container " + name);
    m.reasons.remove(name);
    while (runs.size() > 2) { // the run before stays for lastState and its log
      runtime.removeContainer(runs.remove(0).id());
    }
  }

  /** The container's image, pulled if it must be; null when it cannot be (said in m.reasons). */
  private Image pull(JsonNode pod, PodMemory m, String name, JsonNode spec, Instant now) {
    String image = spec.path("image").asText();
    String pullKey = pod.path("metadata").path("uid").asText() + "_" + image;
    if (pulls.inBackOffSinceUpdate(pullKey, now)) {
      m.reasons.put(name, new Waiting("ImagePullBackOff",
          "Back-off pulling image \"" + image + "\""));
      return null;
    }
    Image resolved;
    Instant[] pulling = new Instant[1];
    try {
      resolved = images.resolve(image, pullPolicy(spec), secrets.of(pod), () -> {
        pulling[0] = clock.instant();
        events.normal(pod, name, "Pulling", "Pulling image \"" + image + "\"");
      });
    } catch (ImageSource.ImageUnavailable e) {
      if ("ErrImagePull".equals(e.reason())) {
        pulls.next(pullKey, now, now);
      }
      m.reasons.put(name, new Waiting(e.reason(), e.getMessage()));
      return null;
    }
    if (pulling[0] == null) {
      events.normal(pod, name, "Pulled", "Container image \"" + image + "\" already present on machine");
    } else {
      // one pull at a time per image here, so the time it took is also the time it waited
      String took = GoDuration.millis(Duration.between(pulling[0], clock.instant()));
      events.normal(pod, name, "Pulled", "Successfully pulled image \"" + image + "\" in " + took
          + " (" + took + " including waiting)");
    }
    return resolved;
  }

  /** The API server's default: {@code Always} for {@code :latest} or no tag, else IfNotPresent. */
  static String pullPolicy(JsonNode container) {
    String given = container.path("imagePullPolicy").asText("");
    if (!given.isEmpty()) {
      return given;
    }
    String image = container.path("image").asText();
    if (image.contains("@")) {
      return "IfNotPresent";
    }
    int colon = image.lastIndexOf(':');
    String tag = colon > image.lastIndexOf('/') ? image.substring(colon + 1) : "latest";
    return "latest".equals(tag) ? "Always" : "IfNotPresent";
  }
}
