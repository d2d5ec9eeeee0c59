package io.logplane.api.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The rule each kind holds its names to ({@code ValidateNameFunc}), by group and resource: a DNS
 * subdomain unless listed. A {@code generateName} is checked as a prefix: its last character
 * may be a '-', since a suffix follows (the RBAC rule, which only keeps names usable in a path,
 * is the same for both).
 */
public final class NameRules {

  /** A name rule: the messages for a name, or for a generateName when {@code prefix}. */
  public interface Rule {
    List<String> check(String name, boolean prefix);
  }

  private static final Rule SUBDOMAIN = (name, prefix) -> Names.isDns1123Subdomain(masked(name, prefix));
  private static final Rule LABEL = (name, prefix) -> Names.isDns1123Label(masked(name, prefix));
  private static final Rule DNS1035 = (name, prefix) -> Names.isDns1035Label(masked(name, prefix));
  private static final Rule PATH_SEGMENT = (name, prefix) -> pathSegment(name);

  private static final Map<String, Rule> BY_RESOURCE = Map.of(
      "/namespaces", LABEL,
      "/services", DNS1035,
      "rbac.authorization.k8s.io/roles", PATH_SEGMENT,
      "rbac.authorization.k8s.io/clusterroles", PATH_SEGMENT,
      "rbac.authorization.k8s.io/rolebindings", PATH_SEGMENT,
      "rbac.authorization.k8s.io/clusterrolebindings", PATH_SEGMENT,
      "certificates.k8s.io/certificatesigningrequests", PATH_SEGMENT);

  private NameRules() {}

  public static Rule of(String group, String resource) {
    return BY_RESOURCE.getOrDefault((group == null ? "" : group) + "/" + resource, SUBDOMAIN);
  }

  /** {@code path.IsValidPathSegmentName}: not "." nor "..", no '/' nor '%'. */
  public static List<String> pathSegment(String name) {
    if (name.equals(".") || name.equals("..")) {
      return List.of("may not be '" + name + "'");
    }
    List<String> errs = new ArrayList<>();
    for (String bad : List.of("/", "%")) {
      if (name.contains(bad)) {
        errs.add("may not contain '" + bad + "'");
      }
    }
    return errs;
  }

  /**
   * apimachinery's maskTrailingDash: a prefix may end with '-'. As there, the character before
   * the dash goes too ("ab-" is checked as "aa").
   */
  private static String masked(String name, boolean prefix) {
    return prefix && name.length() > 1 && name.endsWith("-") ? name.substring(0, name.length() - 2) + "a" : name;
  }
}
