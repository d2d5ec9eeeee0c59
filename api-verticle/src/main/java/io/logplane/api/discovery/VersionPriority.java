package io.logplane.api.discovery;

import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The order in which a group's versions are preferred, as apimachinery's
 * {@code CompareKubeAwareVersionStrings}: GA before beta before alpha, a higher major version
 * first within each, then a higher minor one ({@code v1beta2} before {@code v1beta1}); versions
 * not of that form come last, in lexical order. The first is the group's preferred version.
 */
final class VersionPriority {

  private static final Pattern KUBE = Pattern.compile("v(\\d+)(?:(alpha|beta)(\\d+))?");

  /** Most preferred first. */
  static final Comparator<String> ORDER = VersionPriority::compare;

  private VersionPriority() {}

  private static int compare(String a, String b) {
    Matcher x = KUBE.matcher(a);
    Matcher y = KUBE.matcher(b);
    boolean kx = x.matches();
    boolean ky = y.matches();
    if (!kx || !ky) {
      return kx == ky ? a.compareTo(b) : kx ? -1 : 1;
    }
    int byStability = Integer.compare(stability(y.group(2)), stability(x.group(2)));
    if (byStability != 0) {
      return byStability;
    }
    int byMajor = Long.compare(Long.parseLong(y.group(1)), Long.parseLong(x.group(1)));
    if (byMajor != 0 || x.group(3) == null) {
      return byMajor;
    }
    return Long.compare(Long.parseLong(y.group(3)), Long.parseLong(x.group(3)));
  }

  private static int stability(String level) {
    return level == null ? 2 : level.equals("beta") ? 1 : 0;
  }
}
