package io.logplane.node.internal.nft;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The chains, affinity sets and map elements one sync wants, in the order they were asked for,
 * and the {@code nft} script that gets the table there from what the previous sync left: all of
 * it the first time (the table replaced), else only the difference, ordered so that nothing is
 * deleted while something still refers to it (chains flushed and elements deleted before the
 * chains they name). Pure; shared by the node's tables (the service proxy's, the network
 * policies').
 */
public final class RuleSet {
  private final String table;
  private final List<String> base;
  private final List<String> maps;
  private final Map<String, List<String>> chains = new LinkedHashMap<>();
  private final Map<String, String> sets = new LinkedHashMap<>();
  private final Map<String, Set<String>> elements = new LinkedHashMap<>();

  /**
   * @param table {@code FAMILY NAME}
   * @param base  the base chains, each {@code NAME { type … hook … }}
   * @param maps  the maps and sets, each {@code map|set NAME { type … }}
   */
  public RuleSet(String table, List<String> base, List<String> maps) {
    this.table = table;
    this.base = base;
    this.maps = maps;
    for (String m : maps) {
      elements.put(m.split(" ")[1], new LinkedHashSet<>());
    }
  }

  public boolean has(String chain) {
    return chains.containsKey(chain);
  }

  public void rule(String chain, String rule) {
    chains.computeIfAbsent(chain, c -> new ArrayList<>()).add(rule);
  }

  public void set(String name, String spec) {
    sets.put(name, spec);
  }

  public void element(String map, String element) {
    elements.get(map).add(element);
  }

  /**
   * The script from what {@code previous} left to this set (empty when that is this set
   * already); and what it leaves.
   */
  public Sync script(Sync previous) {
    boolean full = previous.chains() == null;
    Map<String, List<String>> oldChains = full ? Map.of() : previous.chains();
    Map<String, String> oldSets = full ? Map.of() : previous.sets();
    Map<String, Set<String>> oldElements = full ? Map.of() : previous.elements();
    StringBuilder s = new StringBuilder();
    line(s, "add table");
    int unchanged = s.length();
    if (full) {
      line(s, "delete table");
      line(s, "add table");
      for (String b : base) {
        line(s, "add chain", b);
      }
      for (String m : maps) {
        s.append("add ").append(m.split(" ")[0]).append(' ').append(table).append(m.substring(m.indexOf(' '))).append('\n');
      }
    }
    List<String> changed = new ArrayList<>();
    chains.forEach((chain, rules) -> {
      if (!rules.equals(oldChains.get(chain))) {
        changed.add(chain);
      }
    });
    List<String> stale = new ArrayList<>(oldChains.keySet());
    stale.removeAll(chains.keySet());
    for (String chain : changed) {
      if (!oldChains.containsKey(chain) && base.stream().noneMatch(b -> b.startsWith(chain + " "))) {
        line(s, "add chain", chain);
      }
    }
    sets.forEach((name, spec) -> {
      if (!spec.equals(oldSets.get(name))) {
        line(s, "add set", name + " " + spec);
      }
    });
    for (String chain : changed) {
      if (oldChains.containsKey(chain)) {
        line(s, "flush chain", chain);
      }
    }
    for (String chain : stale) {
      line(s, "flush chain", chain);
    }
    elements.forEach((map, items) -> {
      Set<String> gone = new LinkedHashSet<>(oldElements.getOrDefault(map, Set.of()));
      gone.removeAll(items);
      if (!gone.isEmpty()) {
        line(s, "delete element", map + " { " + String.join(", ", gone.stream().map(RuleSet::key).toList()) + " }");
      }
    });
    for (String chain : stale) {
      line(s, "delete chain", chain);
    }
    for (String set : oldSets.keySet()) {
      if (!sets.containsKey(set)) {
        line(s, "delete set", set);
      }
    }
    for (String chain : changed) {
      chains.get(chain).forEach(r -> line(s, "add rule", chain + " " + r));
    }
    elements.forEach((map, items) -> {
      Set<String> added = new LinkedHashSet<>(items);
      added.removeAll(oldElements.getOrDefault(map, Set.of()));
      if (!added.isEmpty()) {
        line(s, "add element", map + " { " + String.join(", ", added) + " }");
      }
    });
    Map<String, Set<String>> kept = new LinkedHashMap<>();
    elements.forEach((map, items) -> kept.put(map, Set.copyOf(items)));
    Map<String, List<String>> keptChains = new LinkedHashMap<>();
    chains.forEach((chain, rules) -> keptChains.put(chain, List.copyOf(rules)));
    // nothing to change: no script, so no nft process for a change the table does not see
    String script = !full && s.length() == unchanged ? "" : s.toString();
    return new Sync(script, keptChains, Map.copyOf(sets), kept);
  }

  /** An element's key: a map element without its {@code : verdict}. */
  private static String key(String element) {
    int colon = element.indexOf(" : ");
    return colon < 0 ? element : element.substring(0, colon);
  }

  private void line(StringBuilder s, String verb, String... rest) {
    s.append(verb).append(' ').append(table);
    for (String r : rest) {
      s.append(' ').append(Objects.requireNonNull(r));
    }
    s.append('\n');
  }
}
