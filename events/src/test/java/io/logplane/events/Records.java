package io.logplane.events;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** Test records of every kind. */
final class Records {

  private Records() {}

  static Record number(int i) {
    Record.Meta meta = new Record.Meta("tester", "req-" + i, 1_700_000_000_000L + i);
    String key = "core/configmaps/default/cm-" + (i % 17);
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("apiVersion", "v1").put("kind", "ConfigMap");
    o.putObject("metadata").put("name", "cm-" + (i % 17)).put("namespace", "default");
    o.putObject("data").put("i", Integer.toString(i));
    return switch (i % 4) {
      case 0 -> i == 0 ? new Record.Genesis(meta, "cluster-x") : new Record.Create(meta, key, o);
      case 1 -> new Record.Create(meta, key, o);
      case 2 -> new Record.Update(meta, key, i - 1, i % 8 == 2 ? "" : "status", o);
      default -> new Record.Delete(meta, key, i % 2 == 0 ? 0 : i - 2, i % 3 == 0 ? null : "uid-" + i, null);
    };
  }

  static List<Record> first(int n) {
    List<Record> list = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      list.add(number(i));
    }
    return list;
  }

  static List<LogEntry> entries(List<Record> records, int from) {
    List<LogEntry> list = new ArrayList<>();
    for (int i = from; i < records.size(); i++) {
      list.add(new LogEntry(i, records.get(i)));
    }
    return list;
  }
}
