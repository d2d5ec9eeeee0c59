package io.logplane.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {

  @Test
  void eachSubcommandIsKeptUnderItsOwnName() {
    Main.SUBCOMMANDS.forEach((name, command) ->
        assertEquals(name, new CommandLine(command.get()).getCommandName()));
  }

  @Test
  void aRunNamingASubcommandBuildsThatOneAlone() {
    assertEquals(Set.of("up"), Main.commandLine("up", "--data-dir", "x").getSubcommands().keySet());
    assertEquals(Set.of("token"), Main.commandLine("token", "create").getSubcommands().keySet());
  }

  @Test
  void helpAndUnknownCommandsSeeEverySubcommandInOrder() {
    List<String> all = List.copyOf(Main.SUBCOMMANDS.keySet());
    assertEquals(all, List.copyOf(Main.commandLine().getSubcommands().keySet()));
    assertEquals(all, List.copyOf(Main.commandLine("--help").getSubcommands().keySet()));
    StringWriter err = new StringWriter();
    CommandLine unknown = Main.commandLine("upp");
    unknown.setErr(new PrintWriter(err, true)).setOut(new PrintWriter(new StringWriter(), true));
    assertEquals(2, unknown.execute("upp"));
    assertTrue(err.toString().contains("upp"), err.toString());
    StringWriter out = new StringWriter();
    CommandLine help = Main.commandLine("--help");
    help.setOut(new PrintWriter(out, true));
    assertEquals(0, help.execute("--help"));
    for (String name : all) {
      if (!name.equals("train")) {
        assertTrue(out.toString().contains("  " + name + " "), name + " in:\n" + out);
      }
    }
  }
}
