package io.logplane.api.validation.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.api.validation.FieldErrors;
import io.logplane.api.validation.Names;

/**
 * What a pod says about its network: host ports under hostNetwork (validatePodHostNetworkDeps),
 * its dnsConfig (validatePodDNSConfig, limits from libc's resolver) and hostAliases.
 */
public final class PodNetworks {

  private static final int MAX_NAMESERVERS = 3;
  private static final int MAX_SEARCHES = 32;
  private static final int MAX_SEARCH_CHARS = 2048;

  private PodNetworks() {}

  /**
   * With hostNetwork a hostPort is its containerPort. A Pod's 0 is defaulted to it before; in a
   * template, 0 stays and is allowed.
   */
  public static void hostNetwork(JsonNode spec, String path, FieldErrors errors) {
    if (!spec.path("hostNetwork").asBoolean(false)) {
      return;
    }
    JsonNode containers = spec.path("containers");
    for (int i = 0; i < containers.size(); i++) {
      JsonNode ports = containers.get(i).path("ports");
      for (int p = 0; p < ports.size(); p++) {
        long host = ports.get(p).path("hostPort").asLong(0);
        if (host != 0 && host != ports.get(p).path("containerPort").asLong(0)) {
          errors.invalid(path + ".containers[" + i + "].ports[" + p + "].hostPort", host,
              "must match `containerPort` when `hostNetwork` is true");
        }
      }
    }
  }

  public static void dnsConfig(JsonNode spec, String path, FieldErrors errors) {
    JsonNode config = spec.get("dnsConfig");
    boolean present = config != null && !config.isNull();
    if (spec.path("dnsPolicy").asText("").equals("None")) {
      if (!present) {
        errors.required(path, "must provide `dnsConfig` when `dnsPolicy` is None");
        return;
      }
      if (config.path("nameservers").isEmpty()) {
        errors.required(path + ".nameservers", "must provide at least one DNS nameserver when `dnsPolicy` is None");
        return;
      }
    }
    if (!present) {
      return;
    }
    JsonNode nameservers = config.path("nameservers");
    if (nameservers.size() > MAX_NAMESERVERS) {
      errors.invalid(path + ".nameservers", nameservers, "must not have more than " + MAX_NAMESERVERS + " nameservers");
    }
    for (int i = 0; i < nameservers.size(); i++) {
      if (!Ips.isIp(nameservers.get(i).asText())) {
        errors.invalid(path + ".nameservers[" + i + "]", nameservers.get(i).asText(), "must be valid IP address");
      }
    }
    JsonNode searches = config.path("searches");
    if (searches.size() > MAX_SEARCHES) {
      errors.invalid(path + ".searches", searches, "must not have more than " + MAX_SEARCHES + " search paths");
    }
    int chars = Math.max(0, searches.size() - 1);
    for (JsonNode s : searches) {
      chars += GoValues.bytes(s.asText());
    }
    if (chars > MAX_SEARCH_CHARS) {
      errors.invalid(path + ".searches", searches, "must not have more than " + MAX_SEARCH_CHARS
          + " characters (including spaces) in the search list");
    }
    for (int i = 0; i < searches.size(); i++) {
      String search = searches.get(i).asText();
      // a trailing dot is fine
      search = search.endsWith(".") ? search.substring(0, search.length() - 1) : search;
      Names.check(Names.isDns1123Subdomain(search), path + ".searches[" + i + "]", search, errors);
    }
    JsonNode options = config.path("options");
    for (int i = 0; i < options.size(); i++) {
      if (options.get(i).path("name").asText("").isEmpty()) {
        errors.required(path + ".options[" + i + "]", "must not be empty");
      }
    }
  }

  public static void hostAliases(JsonNode aliases, String path, FieldErrors errors) {
    for (JsonNode alias : aliases) {
      String ip = alias.path("ip").asText("");
      if (!Ips.isIp(ip)) {
        errors.invalid(path + ".ip", ip, "must be valid IP address");
      }
      for (JsonNode host : alias.path("hostnames")) {
        Names.check(Names.isDns1123Subdomain(host.asText()), path + ".hostnames", host.asText(), errors);
      }
    }
  }
}
