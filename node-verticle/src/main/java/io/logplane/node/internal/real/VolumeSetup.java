package io.logplane.node.internal.real;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.node.internal.runtime.ContainerRuntime;
import io.logplane.node.internal.volumes.ConfigError;
import io.logplane.node.internal.volumes.PodFields;
import io.logplane.node.internal.volumes.PodVolumes;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The volume step of a pod's sync: sets up or refreshes the pod's volumes in its directory, and
 * when one cannot be, keeps in the pod's memory which volume it waits for and since when (for
 * the {@code FailedMount} condition) and says each new reason once, in the log and as a
 * {@code FailedMount} Event, as the kubelet's volume manager does. Blocking.
 */
final class VolumeSetup {
  private static final Logger LOG = LoggerFactory.getLogger(VolumeSetup.class);

  private final ContainerRuntime runtime;
  private final PodVolumes volumes;
  private final Clock clock;
  private final PodEvents events;

  VolumeSetup(ContainerRuntime runtime, PodVolumes volumes, Clock clock, PodEvents events) {
    this.runtime = runtime;
    this.volumes = volumes;
    this.clock = clock;
    this.events = events;
  }

  /** The pod's volumes by name, set up; null when one cannot be (its containers then wait). */
  Map<String, Path> setUp(JsonNode pod, PodMemory m, PodFields.Facts facts) {
    String uid = pod.path("metadata").path("uid").asText();
    try {
      Map<String, Path> mounted = volumes.setUp(pod, runtime.podDir(uid), facts);
      m.volumeError = null;
      m.volumeWaiting = null;
      m.volumeWaitingSince = null;
      return mounted;
    } catch (RuntimeException e) {
      String volume = e instanceof ConfigError c ? c.volume() : null;
      if (!Objects.equals(volume, m.volumeWaiting) || m.volumeWaitingSince == null) {
        m.volumeWaiting = volume;
        m.volumeWaitingSince = clock.instant();
      }
      if (!Objects.equals(m.volumeError, e.getMessage())) {
        LOG.warn("pod {}: {}", PodActions.podName(pod), e.getMessage());
        events.warning(pod, null, "FailedMount", e.getMessage());
      }
      m.volumeError = e.getMessage();
      return null;
    }
  }
}
