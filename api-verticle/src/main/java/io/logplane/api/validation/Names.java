package io.logplane.api.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The name formats of Kubernetes (apimachinery's {@code util/validation}): each {@code is...}
 * returns the messages kube-apiserver gives for a value (empty when it is valid), and each
 * {@code check...} adds them as {@code Invalid value} errors at a path.
 */
public final class Names {

  public static final String DNS1123_LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
  public static final String DNS1123_SUBDOMAIN_FMT = DNS1123_LABEL_FMT + "(\\." + DNS1123_LABEL_FMT + ")*";
  public static final String DNS1035_LABEL_FMT = "[a-z]([-a-z0-9]*[a-z0-9])?";
  public static final String QUALIFIED_NAME_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
  public static final String LABEL_VALUE_FMT = "(" + QUALIFIED_NAME_FMT + ")?";
  public static final String CONFIG_KEY_FMT = "[-._a-zA-Z0-9]+";
  public static final String C_IDENTIFIER_FMT = "[A-Za-z_][A-Za-z0-9_]*";

  private static final Pattern DNS1123_LABEL = Pattern.compile(DNS1123_LABEL_FMT);
  private static final Pattern DNS1035_LABEL = Pattern.compile(DNS1035_LABEL_FMT);
  private static final Pattern QUALIFIED_NAME = Pattern.compile(QUALIFIED_NAME_FMT);
  private static final Pattern LABEL_VALUE = Pattern.compile(LABEL_VALUE_FMT);
  private static final Pattern CONFIG_KEY = Pattern.compile(CONFIG_KEY_FMT);
  private static final Pattern C_IDENTIFIER = Pattern.compile(C_IDENTIFIER_FMT);
  private static final Pattern PORT_NAME_CHARS = Pattern.compile("[-a-z0-9]+");
  private static final Pattern ONE_LETTER = Pattern.compile(".*[a-z].*", Pattern.DOTALL);

  private Names() {}

  public static List<String> isDns1123Label(String value) {
    List<String> errs = new ArrayList<>();
    if (value.length() > 63) {
      errs.add(maxLen(63));
    }
    if (!DNS1123_LABEL.matcher(value).matches()) {
      errs.add(regexError("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-',"
          + " and must start and end with an alphanumeric character", DNS1123_LABEL_FMT, "my-name", "123-abc"));
    }
    return errs;
  }

  public static List<String> isDns1123Subdomain(String value) {
    List<String> errs = new ArrayList<>();
    if (value.length() > 253) {
      errs.add(maxLen(253));
    }
    if (!isSubdomain(value)) {
      errs.add(regexError("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-'"
          + " or '.', and must start and end with an alphanumeric character", DNS1123_SUBDOMAIN_FMT, "example.com"));
    }
    return errs;
  }

  /**
   * {@link #DNS1123_SUBDOMAIN_FMT} label by label: java.util.regex repeats a group by recursion,
   * so the whole pattern overflows the stack on a long name of many labels ({@code a.a.a...}).
   */
  public static boolean isSubdomain(String value) {
    for (String label : value.split("\\.", -1)) {
      if (!DNS1123_LABEL.matcher(label).matches()) {
        return false;
      }
    }
    return true;
  }

  public static List<String> isDns1035Label(String value) {
    List<String> errs = new ArrayList<>();
    if (value.length() > 63) {
      errs.add(maxLen(63));
    }
    if (!DNS1035_LABEL.matcher(value).matches()) {
      errs.add(regexError("a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with"
          + " an alphabetic character, and end with an alphanumeric character", DNS1035_LABEL_FMT, "my-name",
          "abc-123"));
    }
    return errs;
  }

  /** A label key or annotation key: an optional DNS subdomain prefix and '/', then a name. */
  public static List<String> isQualifiedName(String value) {
    List<String> errs = new ArrayList<>();
    String[] parts = value.split("/", -1);
    String name;
    if (parts.length == 1) {
      name = parts[0];
    } else if (parts.length == 2) {
      name = parts[1];
      if (parts[0].isEmpty()) {
        errs.add("prefix part must be non-empty");
      } else {
        isDns1123Subdomain(parts[0]).forEach(m -> errs.add("prefix part " + m));
      }
    } else {
      errs.add("a qualified name " + regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, "MyName", "my.name",
          "123-abc") + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
      return errs;
    }
    if (name.isEmpty()) {
      errs.add("name part must be non-empty");
    } else if (name.length() > 63) {
      errs.add("name part " + maxLen(63));
    }
    if (!QUALIFIED_NAME.matcher(name).matches()) {
      errs.add("name part " + regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, "MyName", "my.name", "123-abc"));
    }
    return errs;
  }

  private static final String QUALIFIED_NAME_MSG = "must consist of alphanumeric characters, '-', '_' or '.',"
      + " and must start and end with an alphanumeric character";

  public static List<String> isLabelValue(String value) {
    List<String> errs = new ArrayList<>();
    if (value.length() > 63) {
      errs.add(maxLen(63));
    }
    if (!LABEL_VALUE.matcher(value).matches()) {
      errs.add(regexError("a valid label must be an empty string or consist of alphanumeric characters, '-', '_'"
          + " or '.', and must start and end with an alphanumeric character", LABEL_VALUE_FMT, "MyValue",
          "my_value", "12345"));
    }
    return errs;
  }

  /** A key of ConfigMap or Secret data. */
  public static List<String> isConfigMapKey(String value) {
    List<String> errs = new ArrayList<>();
    if (value.length() > 253) {
      errs.add(maxLen(253));
    }
    if (!CONFIG_KEY.matcher(value).matches()) {
      errs.add(regexError("a valid config key must consist of alphanumeric characters, '-', '_' or '.'",
          CONFIG_KEY_FMT, "key.name", "KEY_NAME", "key-name"));
    }
    if (value.equals(".")) {
      errs.add("must not be '.'");
    } else if (value.equals("..")) {
      errs.add("must not be '..'");
    } else if (value.startsWith("..")) {
      errs.add("must not start with '..'");
    }
    return errs;
  }

  public static List<String> isCIdentifier(String value) {
    return C_IDENTIFIER.matcher(value).matches() ? List.of() : List.of(regexError("a valid C identifier must start"
        + " with alphabetic character or '_', followed by a string of alphanumeric characters or '_'",
        C_IDENTIFIER_FMT, "my_name", "MY_NAME", "MyName"));
  }

  /** A port name (IANA_SVC_NAME): at most 15 characters, lower case, a letter, no hyphen at the ends. */
  public static List<String> isPortName(String value) {
    List<String> errs = new ArrayList<>();
    if (value.length() > 15) {
      errs.add(maxLen(15));
    }
    if (!PORT_NAME_CHARS.matcher(value).matches()) {
      errs.add("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
    }
    if (!ONE_LETTER.matcher(value).matches()) {
      errs.add("must contain at least one letter (a-z)");
    }
    if (value.contains("--")) {
      errs.add("must not contain consecutive hyphens");
    }
    if (!value.isEmpty() && (value.startsWith("-") || value.endsWith("-"))) {
      errs.add("must not begin or end with a hyphen");
    }
    return errs;
  }

  public static List<String> isPortNumber(long port) {
    return port >= 1 && port <= 65535 ? List.of() : List.of(inclusiveRange(1, 65535));
  }

  public static String inclusiveRange(long lo, long hi) {
    return "must be between " + lo + " and " + hi + ", inclusive";
  }

  public static String maxLen(int n) {
    return "must be no more than " + n + " characters";
  }

  /** Adds each message of a check as an {@code Invalid value} of {@code value} at {@code path}. */
  public static void check(List<String> messages, String path, Object value, FieldErrors errors) {
    for (String m : messages) {
      errors.invalid(path, value, m);
    }
  }

  /** apimachinery's RegexError: the rule, examples, and the regex. */
  public static String regexError(String msg, String fmt, String... examples) {
    if (examples.length == 0) {
      return msg + " (regex used for validation is '" + fmt + "')";
    }
    StringBuilder b = new StringBuilder(msg).append(" (e.g. ");
    for (int i = 0; i < examples.length; i++) {
      b.append(i > 0 ? " or " : "").append('\'').append(examples[i]).append("', ");
    }
    return b.append("regex used for validation is '").append(fmt).append("')").toString();
  }
}
