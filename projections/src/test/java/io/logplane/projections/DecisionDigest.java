package io.logplane.projections;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.events.Codec;
import io.logplane.events.Command;
import io.logplane.events.LogEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The program {@link JdkDeterminismIT} runs in child JVMs: it decides the golden corpus and
 * records made to throw inside apply(), each sequence into a fresh store through an
 * {@link Applier}, and prints one line per decision: its name, the hash of its verdict and
 * events together with the store's contents after it, and the verdict in words (for the
 * reader of a failure).
 *
 * <p>Arguments: the golden folder, and a folder for the stores.
 */
final class DecisionDigest {

  private static final Set<String> STATUS = Set.of("core/pods", "core/namespaces", "apps/deployments");

  private DecisionDigest() {}

  public static void main(String[] args) throws Exception {
    Map<String, List<Command>> corpus = new LinkedHashMap<>();
    try (Stream<Path> s = Files.list(Path.of(args[0]))) {
      for (Path f : s.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
        corpus.put(f.getFileName().toString(), StateMachineGoldenTest.commands(f));
      }
    }
    corpus.put("throwing", throwing());
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, List<Command>> e : corpus.entrySet()) {
      try (RocksStore store = RocksStore.open(Path.of(args[1], e.getKey()))) {
        Applier applier = new Applier(store, new StateMachine(STATUS));
        long offset = 0;
        for (Command c : e.getValue()) {
          Applier.Batch b = applier.apply(List.of(new LogEntry(offset, c)));
          Outcome o = b.verdicts().get(0).outcome();
          MessageDigest md = MessageDigest.getInstance("SHA-256");
          md.update(words(o).getBytes(StandardCharsets.UTF_8));
          for (Event ev : b.events()) {
            md.update((ev.type() + " " + ev.key() + " ").getBytes(StandardCharsets.UTF_8));
            md.update(ev.json());
          }
          md.update(store.hash());
          out.append(e.getKey()).append('#').append(offset++).append(' ')
              .append(HexFormat.of().formatHex(md.digest(), 0, 12)).append(' ').append(words(o)).append('\n');
        }
      }
    }
    System.out.write(out.toString().getBytes(StandardCharsets.UTF_8));
    System.out.flush();
  }

  private static String words(Outcome o) {
    return o instanceof Outcome.Rejected r ? "rejected " + r.reason().status + ": " + r.message()
        : "accepted, " + ((Outcome.Accepted) o).changes().size() + " changes";
  }

  /**
   * Records apply() cannot handle, so that the JDK's own exception texts (helpful
   * NullPointerException messages, ClassCastException's module and loader words) would reach
   * the verdict if the applier recorded them; and numbers whose shortest decimal form the JDK's
   * Double.toString got wrong before JDK 19. The last two no codec gives; the live path might.
   */
  private static List<Command> throwing() throws IOException {
    List<Command> out = new ArrayList<>();
    out.add(decode("create", "core/namespaces//default",
        "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"default\"}}", out.size()));
    out.add(decode("create", "core/configmaps/default", "{\"metadata\":{\"name\":\"c\"}}", out.size()));
    out.add(decode("create", "core/services/default/s", "{\"apiVersion\":\"v1\",\"kind\":\"Service\","
        + "\"metadata\":{\"name\":\"s\",\"namespace\":\"default\"},\"spec\":{\"type\":\"NodePort\",\"ports\":[1]}}",
        out.size()));
    String widget = "{\"apiVersion\":\"example.com/v1\",\"kind\":\"Widget\",\"metadata\":{\"name\":\"w\","
        + "\"namespace\":\"default\"%s},\"spec\":{\"size\":2e23,\"ratio\":8.41E21,\"tiny\":9.9E-324}}";
    out.add(decode("create", "example.com/widgets/default/w", widget.formatted(""), out.size()));
    out.add(decode("update", "example.com/widgets/default/w", widget.formatted(",\"managedFields\":[1]"),
        out.size()));
    out.add(new Command.Update(meta(out.size()), "example.com/widgets/default/w", 0, null,
        (ObjectNode) Json.MAPPER.readTree(widget.formatted(""))));
    out.add(new Command.Create(meta(out.size()), "core/configmaps/default/d", null));
    return out;
  }

  private static Command decode(String op, String key, String object, int offset) {
    String sub = op.equals("update") ? ",\"expected\":0,\"sub\":\"\"" : "";
    String json = "{\"op\":\"" + op + "\",\"actor\":\"tester\",\"rid\":\"r" + offset + "\",\"time\":"
        + meta(offset).timeMillis() + ",\"key\":\"" + key + "\"" + sub + ",\"object\":" + object + "}";
    return Codec.decode(json.getBytes(StandardCharsets.UTF_8));
  }

  private static Command.Meta meta(int offset) {
    return new Command.Meta("tester", "r" + offset, 1767225600000L + offset * 1000L);
  }
}
