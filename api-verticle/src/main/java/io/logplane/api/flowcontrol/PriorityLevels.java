package io.logplane.api.flowcontrol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The concurrency limit of each PriorityLevelConfiguration (v1beta3 JSON, defaulted), dividing
 * the server's concurrency limit among the levels by their {@code nominalConcurrencyShares} as
 * kube-apiserver 1.28 computes each level's nominal limit: {@code ceil(serverLimit * shares /
 * sum of shares)}. The sum counts every level's shares, the exempt ones' too (kube does so; their
 * {@code exempt.nominalConcurrencyShares} defaults to 0, so by default only limited levels
 * count). An exempt level is unlimited. Kube 1.28 then lends and borrows seats between levels
 * ({@code lendablePercent}, {@code borrowingLimitPercent}) by their recent demand; this class
 * does not: each limited level keeps its nominal limit.
 */
public final class PriorityLevels {

  /** kube-apiserver's default: --max-requests-inflight 400 plus --max-mutating-requests-inflight 200. */
  public static final int DEFAULT_SERVER_CONCURRENCY_LIMIT = 600;
  /** The limit of an exempt level. */
  public static final int UNLIMITED = Integer.MAX_VALUE;

  /** One level: its name, uid, whether it is exempt, its concurrency limit, and its spec. */
  public record Level(String name, String uid, boolean exempt, int concurrencyLimit, JsonNode spec) {}

  private final Map<String, Level> levels;
  private final int serverConcurrencyLimit;

  /** The limits of the given levels under the given server concurrency limit. */
  public PriorityLevels(List<? extends JsonNode> priorityLevels, int serverConcurrencyLimit) {
    this.serverConcurrencyLimit = serverConcurrencyLimit;
    double sum = 0;
    for (JsonNode level : priorityLevels) {
      sum += shares(level);
    }
    Map<String, Level> out = new LinkedHashMap<>();
    for (JsonNode level : priorityLevels) {
      JsonNode spec = level.path("spec");
      boolean exempt = "Exempt".equals(spec.path("type").asText(""));
      int limit = exempt ? UNLIMITED
          : sum <= 0 ? 0 : (int) Math.ceil(serverConcurrencyLimit * (double) shares(level) / sum);
      String name = FlowSchemaMatcher.name(level);
      out.put(name, new Level(name, FlowSchemaMatcher.uid(level), exempt, limit, spec));
    }
    this.levels = Collections.unmodifiableMap(out);
  }

  /** The limits under {@link #DEFAULT_SERVER_CONCURRENCY_LIMIT}. */
  public PriorityLevels(List<? extends JsonNode> priorityLevels) {
    this(priorityLevels, DEFAULT_SERVER_CONCURRENCY_LIMIT);
  }

  /** The named level, or null. */
  public Level level(String name) {
    return levels.get(name);
  }

  /** The named level's concurrency limit ({@link #UNLIMITED} when exempt), or 0 when there is no such level. */
  public int concurrencyLimit(String name) {
    Level level = levels.get(name);
    return level == null ? 0 : level.concurrencyLimit();
  }

  /** Every level, in the order given. */
  public Collection<Level> all() {
    return levels.values();
  }

  /** The limit the levels divide. */
  public int serverConcurrencyLimit() {
    return serverConcurrencyLimit;
  }

  /**
   * The level's nominalConcurrencyShares: under limited for a limited level (default 30), under
   * exempt (default 0) otherwise.
   */
  static int shares(JsonNode level) {
    JsonNode spec = level.path("spec");
    if ("Exempt".equals(spec.path("type").asText(""))) {
      return Math.max(0, spec.path("exempt").path("nominalConcurrencyShares").asInt(0));
    }
    return Math.max(0, spec.path("limited").path("nominalConcurrencyShares").asInt(30));
  }
}
