package io.logplane.tests;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The real {@code dig} (Debian's dnsutils) against a DNS on loopback: each query's status and answers. */
final class Dig {

  /** What dig printed of one reply: its status ({@code NOERROR}, {@code NXDOMAIN}...) and its answers' data. */
  record Reply(String status, List<String> answers, String text) {
    /** The answers of one type, as {@code A 10.96.0.1}. */
    List<String> of(String type) {
      return answers.stream().filter(a -> a.startsWith(type + " ")).map(a -> a.substring(type.length() + 1)).toList();
    }
  }

  private static final Pattern STATUS = Pattern.compile("status: (\\w+)");

  private final int port;

  Dig(int port) {
    this.port = port;
  }

  Reply query(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("dig", "@127.0.0.1", "-p", String.valueOf(port), "+time=2",
        "+tries=1", "+noall", "+comments", "+answer"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(10, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("dig did not end: " + cmd);
    }
    Matcher m = STATUS.matcher(out);
    String status = m.find() ? m.group(1) : "NO-REPLY";
    List<String> answers = new ArrayList<>();
    for (String line : out.split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (!line.startsWith(";") && f.length >= 5) {
        answers.add(f[3] + " " + String.join(" ", List.of(f).subList(4, f.length)));
      }
    }
    return new Reply(status, answers, out);
  }
}
