package io.logplane.events;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** Test records of every kind. */
final class Records {

  private Records() {}

  static Command number(int i) {
    Command.Meta meta = new Command.Meta("tester", "req-" + i, 1_700_000_000_000L + i);
    String key = "core/configmaps/default/cm-" + (i % 17);
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("apiVersion", "v1").put("kind", "ConfigMap");
    o.putObject("metadata").put("name", "cm-" + (i % 17)).put("namespace", "default");
    o.putObject("data").put("i", Integer.toString(i));
    return switch (i % 4) {
      case 0 -> i == 0 ? new Command.Genesis(meta, "cluster-x") : new Command.Create(meta, key, o);
      case 1 -> new Command.Create(meta, key, o);
      case 2 -> new Command.Update(meta, key, i - 1, i % 8 == 2 ? "" : "status", o);
      default -> new Command.Delete(meta, key, i % 2 == 0 ? 0 : i - 2, i % 3 == 0 ? null : "uid-" + i, null);
    };
  }

  static List<Command> first(int n) {
    List<Command> list = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      list.add(number(i));
    }
    return list;
  }

  static List<LogEntry> entries(List<Command> records, int from) {
    List<LogEntry> list = new ArrayList<>();
    for (int i = from; i < records.size(); i++) {
      list.add(new LogEntry(i, records.get(i)));
    }
    return list;
  }
}
