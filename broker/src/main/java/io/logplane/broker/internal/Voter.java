package io.logplane.broker.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One member of the KRaft controller quorum: its node id and the address of its controller
 * listener, written {@code id@host:port} as in Kafka's {@code controller.quorum.voters}.
 */
public record Voter(int id, Address address) {

  /**
   * Parses Kafka's voter list, {@code 1@host:port,2@host:port,...}.
   *
   * @throws IllegalArgumentException with a one-line reason: an entry that is not
   *     {@code ID@HOST:PORT}, an id given twice, an address given twice
   */
  public static List<Voter> parseAll(String text) {
    String s = text == null ? "" : text.trim();
    if (s.isEmpty()) {
      throw new IllegalArgumentException("no controllers given (ID@HOST:PORT,...)");
    }
    List<Voter> voters = new ArrayList<>();
    Set<Integer> ids = new HashSet<>();
    Set<Address> addresses = new HashSet<>();
    for (String entry : s.split(",", -1)) {
      Voter v = parse(entry.trim());
      if (!ids.add(v.id)) {
        throw new IllegalArgumentException("node id " + v.id + " is given twice");
      }
      if (!addresses.add(v.address)) {
        throw new IllegalArgumentException(v.address + " is given to two nodes");
      }
      voters.add(v);
    }
    return List.copyOf(voters);
  }

  private static Voter parse(String entry) {
    int at = entry.indexOf('@');
    String shape = "'" + entry + "' is not ID@HOST:PORT (e.g. 1@kafka-1:9093)";
    if (at <= 0) {
      throw new IllegalArgumentException(shape);
    }
    int id;
    try {
      id = Integer.parseInt(entry.substring(0, at));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(shape);
    }
    if (id < 0) {
      throw new IllegalArgumentException("'" + entry + "': a node id is 0 or more");
    }
    try {
      return new Voter(id, Address.parse(entry.substring(at + 1)));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(shape);
    }
  }

  /** The list back in Kafka's form. */
  public static String format(List<Voter> voters) {
    StringBuilder b = new StringBuilder();
    for (Voter v : voters) {
      b.append(b.length() == 0 ? "" : ",").append(v);
    }
    return b.toString();
  }

  @Override
  public String toString() {
    return id + "@" + address;
  }
}
