package io.logplane.node.internal.real;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.node.internal.runtime.ContainerRuntime;
import io.logplane.node.internal.volumes.ConfigError;
import io.logplane.node.internal.volumes.PodFields;
import io.logplane.node.internal.volumes.PodVolumes;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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

  /**
   * How often the volumes of a pod that did not change are set up again: as often as the node
   * reads its ConfigMaps and Secrets again ({@code ApiObjects}' time to live), since they cannot
   * change more often than that as the node sees them. A pod's sync runs every second, and
   * setting up its volumes was most of what one cost.
   */
  static final Duration REFRESH = Duration.ofSeconds(5);

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

  /**
   * The pod's volumes by name, set up; null when one cannot be (its containers then wait). Set
   * up again when the pod changed (its downward API files) and otherwise at most every {@link
   * #REFRESH}: the ConfigMaps and Secrets they are made from are read again only as often.
   */
  Map<String, Path> setUp(JsonNode pod, PodMemory m, PodFields.Facts facts) {
    Instant now = clock.instant();
    if (m.volumes != null && m.volumesFor == pod && now.isBefore(m.volumesAt.plus(REFRESH))) {
      return m.volumes;
    }
    m.volumes = null;
    String uid = pod.path("metadata").path("uid").asText();
    try {
      Map<String, Path> mounted = volumes.setUp(pod, runtime.podDir(uid), facts);
      m.volumes = mounted;
      m.volumesFor = pod;
      m.volumesAt = now;
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
