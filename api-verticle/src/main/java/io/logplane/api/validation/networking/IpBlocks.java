package io.logplane.api.validation.networking;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.api.validation.FieldErrors;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/** A NetworkPolicy peer's ipBlock: a CIDR, and exceptions that are strict subsets of it. */
final class IpBlocks {

  private IpBlocks() {}

  private record Cidr(BigInteger network, int prefix, int bits) {
    boolean contains(Cidr other) {
      return bits == other.bits && other.network.shiftRight(bits - prefix).equals(network.shiftRight(bits - prefix));
    }
  }

  static void validate(JsonNode block, String path, FieldErrors errors) {
    String cidr = block.path("cidr").asText("");
    if (cidr.isEmpty()) {
      errors.required(path + ".cidr", null);
      return;
    }
    Optional<Cidr> whole = parse(cidr);
    if (whole.isEmpty()) {
      errors.invalid(path + ".cidr", cidr, "not a valid CIDR");
      return;
    }
    JsonNode except = block.path("except");
    for (int i = 0; i < except.size(); i++) {
      String e = except.get(i).asText();
      Optional<Cidr> part = parse(e);
      if (part.isEmpty()) {
        errors.invalid(path + ".except[" + i + "]", e, "not a valid CIDR");
        return;
      }
      if (!whole.get().contains(part.get()) || whole.get().prefix() >= part.get().prefix()) {
        errors.invalid(path + ".except[" + i + "]", e, "must be a strict subset of `cidr`");
      }
    }
  }

  /** A CIDR as Go's {@code net.ParseCIDR} reads it (the address need not be the network's). */
  private static Optional<Cidr> parse(String s) {
    int slash = s.indexOf('/');
    if (slash < 0 || !Formats.isIp(s.substring(0, slash)) || !s.substring(slash + 1).matches("[0-9]{1,3}")) {
      return Optional.empty();
    }
    try {
      byte[] addr = InetAddress.getByName(s.substring(0, slash)).getAddress();
      int bits = addr.length * 8;
      int prefix = Integer.parseInt(s.substring(slash + 1));
      if (prefix > bits) {
        return Optional.empty();
      }
      BigInteger ip = new BigInteger(1, addr);
      BigInteger network = ip.shiftRight(bits - prefix).shiftLeft(bits - prefix);
      return Optional.of(new Cidr(network, prefix, bits));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }
}
