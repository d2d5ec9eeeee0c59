package io.logplane.node.internal.nft;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A sync's {@code nft -f} script and what it leaves in the table (each chain's rules, each set's
 * spec, each map's elements), which the next sync gets as previous; null ones: nothing known, so
 * the next sync replaces the table.
 */
public record Sync(String script, Map<String, List<String>> chains, Map<String, String> sets,
    Map<String, Set<String>> elements) {

  /** An empty previous sync: the first sync replaces the whole table. */
  public static Sync none() {
    return new Sync("", null, null, null);
  }
}
