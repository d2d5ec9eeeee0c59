package io.logplane.projections;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.events.Command;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Data-driven tests of apply(): each file under src/test/resources/golden is a sequence of
 * commands, each followed by {@code ----} and the expected output. Records get offsets 0, 1, 2…
 * and the time 2026-01-01T00:00:00Z plus one second per offset. Run with
 * {@code -Drewrite=true} to regenerate the expectations; commit only a diff you understand.
 *
 * <pre>
 * create KEY JSON            -- a Create record
 * update KEY EXPECTED SUB JSON  -- an Update record (SUB is - for the main resource)
 * delete KEY EXPECTED [UID|-] [PROPAGATION|-] [GRACE]  -- GRACE: gracePeriodSeconds, absent = not given
 * state                      -- the whole state, one object per line
 * </pre>
 *
 * <p>Each file runs twice: with {@code apply()}, and with {@code applyOwned()} (records handed
 * over, as a replay does), which must give the same expectations.
 */
class StateMachineGoldenTest {

  static final Path DIR = Paths.get("src/test/resources/golden");
  private static final long EPOCH = 1767225600000L;
  private static final Set<String> STATUS = Set.of("core/pods", "core/namespaces", "apps/deployments");

  @TestFactory
  Stream<DynamicTest> golden() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(DIR)) {
      files = s.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
    }
    return files.stream().flatMap(f -> Stream.of(
        DynamicTest.dynamicTest(f.getFileName().toString(), () -> run(f, false)),
        DynamicTest.dynamicTest(f.getFileName() + " (records handed over)", () -> run(f, true))));
  }

  private static void run(Path file, boolean owned) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    StateMachine machine = new StateMachine(STATUS);
    MemoryState state = new MemoryState();
    StringBuilder rewritten = new StringBuilder();
    long offset = 0;
    for (String block : text.split("\n\\s*\n")) {
      if (block.isBlank()) {
        continue;
      }
      String[] parts = block.split("\n----\n?", 2);
      String command = parts[0].strip();
      if (command.startsWith("#")) {
        rewritten.append(block.strip()).append("\n\n");
        continue;
      }
      String expected = parts.length > 1 ? parts[1].strip() : "";
      String actual;
      if (command.equals("state")) {
        actual = dump(state);
      } else {
        Command r = parse(command, offset);
        Outcome o = owned ? machine.applyOwned(state, offset, r) : machine.apply(state, offset, r);
        state.apply(o);
        actual = describe(o);
        offset++;
      }
      if (!Boolean.getBoolean("rewrite")) {
        assertEquals(expected, actual, file.getFileName() + ": " + command);
      }
      rewritten.append(command).append("\n----\n").append(actual).append("\n\n");
    }
    if (Boolean.getBoolean("rewrite") && !owned) {
      Files.writeString(file, rewritten.toString().strip() + "\n", StandardCharsets.UTF_8);
    }
  }

  /** The records of a golden file, in order, as {@link #golden} applies them (record i at offset i). */
  static List<Command> commands(Path file) throws IOException {
    List<Command> out = new ArrayList<>();
    for (String block : Files.readString(file, StandardCharsets.UTF_8).split("\n\\s*\n")) {
      String command = block.split("\n----\n?", 2)[0].strip();
      if (!command.isEmpty() && !command.startsWith("#") && !command.equals("state")) {
        out.add(parse(command, out.size()));
      }
    }
    return out;
  }

  private static Command parse(String command, long offset) throws IOException {
    String[] w = command.split(" ", 2);
    Command.Meta meta = new Command.Meta("tester", "r" + offset, EPOCH + offset * 1000);
    String[] a = w[1].split(" ");
    switch (w[0]) {
      case "create" -> {
        return new Command.Create(meta, a[0], (ObjectNode) Json.MAPPER.readTree(w[1].substring(a[0].length() + 1)));
      }
      case "update" -> {
        String json = w[1].substring(a[0].length() + a[1].length() + a[2].length() + 3);
        return new Command.Update(meta, a[0], Long.parseLong(a[1]), a[2].equals("-") ? "" : a[2],
            (ObjectNode) Json.MAPPER.readTree(json));
      }
      case "delete" -> {
        String uid = a.length > 2 && !a[2].equals("-") ? a[2] : null;
        String propagation = a.length > 3 && !a[3].equals("-") ? a[3] : null;
        Long grace = a.length > 4 ? Long.valueOf(a[4]) : null;
        return new Command.Delete(meta, a[0], Long.parseLong(a[1]), uid, propagation, grace);
      }
      case "genesis" -> {
        return new Command.Genesis(meta, "golden", a[0], a[1], Integer.parseInt(a[2]));
      }
      default -> throw new IllegalArgumentException("unknown command " + command);
    }
  }

  private static String describe(Outcome o) {
    if (o instanceof Outcome.Rejected r) {
      return "rejected " + r.reason() + ": " + r.message();
    }
    Outcome.Accepted a = (Outcome.Accepted) o;
    List<String> lines = new ArrayList<>();
    lines.add(a.changes().isEmpty() ? "accepted (no change)" : "accepted");
    for (Change c : a.changes()) {
      lines.add(c.type() + " " + c.key() + " " + c.object());
    }
    return String.join("\n", lines);
  }

  private static String dump(MemoryState state) {
    List<String> lines = new ArrayList<>();
    for (Map.Entry<String, ObjectNode> e : state.objects.entrySet()) {
      lines.add(e.getKey() + " " + e.getValue());
    }
    return lines.isEmpty() ? "(empty)" : String.join("\n", lines);
  }
}
