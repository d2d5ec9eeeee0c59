package io.logplane.scheduler.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Metadata;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** A pod as the plugins read it, parsed once per version of the object. Immutable. */
public final class PodInfo {

  public static final String DEFAULT_SCHEDULER = "default-scheduler";

  public final ObjectNode pod;
  public final String key;
  public final String namespace;
  public final String name;
  public final String uid;
  public final JsonNode labels;
  public final int priority;
  public final String nodeName;
  public final String schedulerName;
  public final boolean terminal;
  public final Resources requests;
  /** Requests with kube's defaults (100m cpu, 200Mi memory) for containers that set none: what scores count. */
  public final Resources nonZeroRequests;
  public final List<Taint.Toleration> tolerations;
  public final JsonNode nodeSelector;
  public final List<NodeSelector> requiredNodeAffinity;
  public final List<NodeSelector> preferredNodeAffinity;
  public final List<Integer> preferredNodeWeights = new ArrayList<>();
  public final List<AffinityTerm> requiredAffinity;
  public final List<AffinityTerm> requiredAntiAffinity;
  public final List<AffinityTerm> preferredAffinity;
  public final List<AffinityTerm> preferredAntiAffinity;
  public final List<HostPort> hostPorts = new ArrayList<>();
  public final List<Spread> spread;
  public final String controllerUid;
  public final String controllerKind;
  public final boolean preemptNever;
  /** The node preemption made room on for it ({@code status.nominatedNodeName}), or "". */
  public final String nominatedNodeName;
  /** When its node started it ({@code status.startTime}), in epoch milliseconds; -1 when not yet. */
  public final long startMillis;
  /** The claims its volumes name. */
  public final List<String> claims;
  /** What the static filters read of it (see {@link StaticFits}). */
  public final StaticFits.Shape shape;

  public PodInfo(String key, ObjectNode pod) {
    this.pod = pod;
    this.key = key;
    JsonNode spec = pod.path("spec");
    namespace = Metadata.text(pod, "namespace") == null ? "" : Metadata.text(pod, "namespace");
    name = Metadata.text(pod, "name");
    uid = Metadata.uid(pod);
    labels = pod.path("metadata").path("labels");
    priority = spec.path("priority").asInt(0);
    nodeName = spec.path("nodeName").asText("");
    schedulerName = spec.path("schedulerName").asText("");
    String phase = pod.path("status").path("phase").asText("");
    terminal = phase.equals("Succeeded") || phase.equals("Failed");
    requests = PodRequests.of(spec, false);
    nonZeroRequests = PodRequests.of(spec, true);
    tolerations = Taint.Toleration.of(spec.path("tolerations"));
    nodeSelector = spec.path("nodeSelector");
    claims = VolumeBinding.claimNames(spec);
    JsonNode affinity = spec.path("affinity");
    JsonNode na = affinity.path("nodeAffinity");
    JsonNode required = na.path("requiredDuringSchedulingIgnoredDuringExecution");
    requiredNodeAffinity = required.isObject() ? NodeSelector.terms(required.path("nodeSelectorTerms")) : null;
    preferredNodeAffinity = new ArrayList<>();
    for (JsonNode p : na.path("preferredDuringSchedulingIgnoredDuringExecution")) {
      preferredNodeAffinity.add(NodeSelector.of(p.path("preference")));
      preferredNodeWeights.add(p.path("weight").asInt());
    }
    JsonNode pa = affinity.path("podAffinity");
    JsonNode paa = affinity.path("podAntiAffinity");
    requiredAffinity = AffinityTerm.required(pa.path("requiredDuringSchedulingIgnoredDuringExecution"), namespace);
    requiredAntiAffinity = AffinityTerm.required(paa.path("requiredDuringSchedulingIgnoredDuringExecution"), namespace);
    preferredAffinity = AffinityTerm.preferred(pa.path("preferredDuringSchedulingIgnoredDuringExecution"), namespace);
    preferredAntiAffinity = AffinityTerm.preferred(paa.path("preferredDuringSchedulingIgnoredDuringExecution"),
        namespace);
    for (String list : List.of("initContainers", "containers")) {
      for (JsonNode c : spec.path(list)) {
        for (JsonNode p : c.path("ports")) {
          if (p.path("hostPort").asInt(0) > 0) {
            hostPorts.add(HostPort.of(p));
          }
        }
      }
    }
    String ownerUid = null;
    String ownerKind = null;
    for (JsonNode ref : Metadata.ownerReferences(pod)) {
      if (ref.path("controller").asBoolean(false)) {
        ownerUid = ref.path("uid").asText();
        ownerKind = ref.path("kind").asText();
      }
    }
    controllerUid = ownerUid;
    controllerKind = ownerKind;
    spread = Spread.of(spec.path("topologySpreadConstraints"), namespace);
    preemptNever = spec.path("preemptionPolicy").asText("").equals("Never");
    nominatedNodeName = pod.path("status").path("nominatedNodeName").asText("");
    String started = pod.path("status").path("startTime").asText("");
    startMillis = started.isEmpty() ? -1 : parseTime(started);
    shape = StaticFits.Shape.of(this);
  }

  /** Whether this scheduler is to place the pod: ours by name, no node yet, not finished or being deleted. */
  public boolean toSchedule() {
    return nodeName.isEmpty() && (schedulerName.isEmpty() || schedulerName.equals(DEFAULT_SCHEDULER))
        && !terminal && !Metadata.terminating(pod);
  }

  /** Whether it is terminating because the scheduler preempted it (its DisruptionTarget condition says so). */
  public boolean terminatingByPreemption() {
    if (!Metadata.terminating(pod)) {
      return false;
    }
    for (JsonNode c : pod.path("status").path("conditions")) {
      if (c.path("type").asText().equals(DisruptionTarget.TYPE)) {
        return c.path("status").asText().equals("True") && c.path("reason").asText().equals(DisruptionTarget.REASON);
      }
    }
    return false;
  }

  private static long parseTime(String time) {
    try {
      return Instant.parse(time).toEpochMilli();
    } catch (DateTimeParseException e) {
      return -1;
    }
  }

  public boolean hasAffinity() {
    return !requiredAffinity.isEmpty() || !requiredAntiAffinity.isEmpty() || !preferredAffinity.isEmpty()
        || !preferredAntiAffinity.isEmpty();
  }

  /** Spreading constraints for scoring: the pod's ScheduleAnyway ones, else the system default. */
  public List<Spread> softSpread() {
    if (!spread.isEmpty()) {
      return spread.stream().filter(s -> !s.doNotSchedule()).toList();
    }
    return Spread.systemDefault(this);
  }

  @Override
  public String toString() {
    return namespace + "/" + name;
  }
}
