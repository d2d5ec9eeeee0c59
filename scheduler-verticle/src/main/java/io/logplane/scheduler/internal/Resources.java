package io.logplane.scheduler.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.projections.Quantity;
import java.util.Map;
import java.util.TreeMap;

/**
 * An amount of each resource the scheduler counts: cpu in millicores, memory and
 * ephemeral-storage in bytes, a pod count, and extended resources (kube's {@code framework.Resource}).
 * Mutable: a node's sums are kept up to date in place.
 */
public final class Resources {

  public long milliCpu;
  public long memory;
  public long ephemeralStorage;
  public long pods;
  public final Map<String, Long> scalars = new TreeMap<>();

  /** The resources a {@code requests}, {@code allocatable} or {@code overhead} object lists. */
  public static Resources of(JsonNode list) {
    Resources r = new Resources();
    list.properties().forEach(e -> {
      String v = e.getValue().asText();
      switch (e.getKey()) {
        case "cpu" -> r.milliCpu = Quantity.milli(v);
        case "memory" -> r.memory = Quantity.units(v);
        case "ephemeral-storage" -> r.ephemeralStorage = Quantity.units(v);
        case "pods" -> r.pods = Quantity.units(v);
        default -> r.scalars.put(e.getKey(), Quantity.units(v));
      }
    });
    return r;
  }

  /** Adds other to this (sign -1 subtracts it). */
  public Resources add(Resources other, int sign) {
    milliCpu += sign * other.milliCpu;
    memory += sign * other.memory;
    ephemeralStorage += sign * other.ephemeralStorage;
    pods += sign * other.pods;
    other.scalars.forEach((k, v) -> scalars.merge(k, sign * v, Long::sum));
    return this;
  }

  /** Raises each amount of this to other's where other's is greater. */
  public Resources max(Resources other) {
    milliCpu = Math.max(milliCpu, other.milliCpu);
    memory = Math.max(memory, other.memory);
    ephemeralStorage = Math.max(ephemeralStorage, other.ephemeralStorage);
    other.scalars.forEach((k, v) -> scalars.merge(k, v, Math::max));
    return this;
  }

  public long scalar(String name) {
    return scalars.getOrDefault(name, 0L);
  }

  @Override
  public String toString() {
    return "cpu=" + milliCpu + "m memory=" + memory + " pods=" + pods + " " + scalars;
  }
}
