package io.logplane.api.validation.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.validation.FieldErrors;
import io.logplane.api.validation.KindValidator;
import io.logplane.api.validation.Names;
import java.net.InetAddress;
import java.util.regex.Pattern;

/**
 * Endpoints: each subset with addresses, each address an IP, each port in range with a known
 * protocol and, when a subset has several, a name.
 */
final class EndpointsValidator implements KindValidator {

  private static final Pattern IP_CHARS = Pattern.compile("[0-9a-fA-F:.]+");

  @Override
  public void validate(ObjectNode endpoints, FieldErrors errors) {
    JsonNode subsets = endpoints.path("subsets");
    for (int i = 0; i < subsets.size(); i++) {
      JsonNode s = subsets.get(i);
      String at = "subsets[" + i + "]";
      if (s.path("addresses").isEmpty() && s.path("notReadyAddresses").isEmpty()) {
        errors.required(at, "must specify `addresses` or `notReadyAddresses`");
      }
      addresses(s.path("addresses"), at + ".addresses", errors);
      addresses(s.path("notReadyAddresses"), at + ".notReadyAddresses", errors);
      JsonNode ports = s.path("ports");
      for (int p = 0; p < ports.size(); p++) {
        port(ports.get(p), ports.size() > 1, at + ".ports[" + p + "]", errors);
      }
    }
  }

  private static void addresses(JsonNode list, String path, FieldErrors errors) {
    for (int i = 0; i < list.size(); i++) {
      String ip = list.get(i).path("ip").asText("");
      if (!isIp(ip)) {
        errors.invalid(path + "[" + i + "].ip", ip, "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)");
      }
      String host = list.get(i).path("hostname").asText("");
      if (!host.isEmpty()) {
        Names.check(Names.isDns1123Label(host), path + "[" + i + "].hostname", host, errors);
      }
    }
  }

  private static void port(JsonNode p, boolean requireName, String path, FieldErrors errors) {
    String name = p.path("name").asText("");
    if (requireName && name.isEmpty()) {
      errors.required(path + ".name", null);
    } else if (!name.isEmpty()) {
      Names.check(Names.isDns1123Label(name), path + ".name", name, errors);
    }
    long port = p.path("port").asLong(0);
    Names.check(Names.isPortNumber(port), path + ".port", port, errors);
    String protocol = p.path("protocol").asText("TCP");
    if (!ServiceValidator.PROTOCOLS.contains(protocol)) {
      errors.notSupported(path + ".protocol", protocol, ServiceValidator.PROTOCOLS);
    }
  }

  static boolean isIp(String s) {
    if (s.isEmpty() || !IP_CHARS.matcher(s).matches() || !(s.contains(":") || s.split("\\.", -1).length == 4)) {
      return false;
    }
    try {
      InetAddress.getByName(s);
      return true;
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }
}
