package io.logplane.api.validation.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.api.validation.FieldErrors;
import io.logplane.api.validation.Names;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A container's environment as ValidateEnv and ValidateEnvFrom check it: variable names and
 * prefixes, and each valueFrom or envFrom naming exactly one source, and a valid one.
 */
public final class EnvVars {

  private static final String NAME_FMT = "[-._a-zA-Z][-._a-zA-Z0-9]*";
  private static final Pattern NAME = Pattern.compile(NAME_FMT);
  private static final String[] VALUE_SOURCES = {"fieldRef", "resourceFieldRef", "configMapKeyRef", "secretKeyRef"};

  private EnvVars() {}

  public static void validate(JsonNode container, String path, FieldErrors errors) {
    JsonNode env = container.path("env");
    for (int i = 0; i < env.size(); i++) {
      JsonNode ev = env.get(i);
      String at = path + ".env[" + i + "]";
      String name = ev.path("name").asText("");
      if (name.isEmpty()) {
        errors.required(at + ".name", null);
      } else {
        Names.check(isEnvVarName(name), at + ".name", name, errors);
      }
      valueFrom(ev, at + ".valueFrom", errors);
    }
    JsonNode envFrom = container.path("envFrom");
    for (int i = 0; i < envFrom.size(); i++) {
      JsonNode ev = envFrom.get(i);
      String at = path + ".envFrom[" + i + "]";
      String prefix = ev.path("prefix").asText("");
      if (!prefix.isEmpty()) {
        Names.check(isEnvVarName(prefix), at + ".prefix", prefix, errors);
      }
      int sources = 0;
      for (String source : new String[] {"configMapRef", "secretRef"}) {
        if (ev.hasNonNull(source)) {
          sources++;
          String name = ev.get(source).path("name").asText("");
          if (name.isEmpty()) {
            errors.required(at + "." + source + ".name", null);
          } else {
            // a prefix of a generated name, as ValidateConfigMapName(name, true) reads it
            String masked = name.length() > 1 && name.endsWith("-") ? name.substring(0, name.length() - 1) + "a" : name;
            Names.check(Names.isDns1123Subdomain(masked), at + "." + source + ".name", name, errors);
          }
        }
      }
      if (sources != 1) {
        errors.invalid(path + ".envFrom", "", sources == 0 ? "must specify one of: `configMapRef` or `secretRef`"
            : "may not have more than one field specified at a time");
      }
    }
  }

  /** IsEnvVarName: the format, and none of ".", ".." or a "..", prefix. */
  public static List<String> isEnvVarName(String value) {
    List<String> errs = new ArrayList<>();
    if (!NAME.matcher(value).matches()) {
      errs.add(Names.regexError("a valid environment variable name must consist of alphabetic characters, digits,"
          + " '_', '-', or '.', and must not start with a digit", NAME_FMT, "my.env-name", "MY_ENV.NAME", "MyEnvName1"));
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

  private static void valueFrom(JsonNode ev, String path, FieldErrors errors) {
    JsonNode from = ev.get("valueFrom");
    if (from == null || from.isNull()) {
      return;
    }
    int sources = 0;
    for (String source : VALUE_SOURCES) {
      JsonNode s = from.get(source);
      if (s == null || s.isNull()) {
        continue;
      }
      sources++;
      String at = path + "." + source;
      switch (source) {
        case "fieldRef" -> FieldRefs.object(s, FieldRefs.ENV_FIELDS, at, errors);
        case "resourceFieldRef" -> FieldRefs.resource(s, false, at, errors);
        default -> {
          String name = s.path("name").asText("");
          Names.check(Names.isDns1123Subdomain(name), at + ".name", name, errors);
          String key = s.path("key").asText("");
          if (key.isEmpty()) {
            errors.required(at + ".key", null);
          } else {
            Names.check(Names.isConfigMapKey(key), at + ".key", key, errors);
          }
        }
      }
    }
    if (sources == 0) {
      errors.invalid(path, "", "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`");
    } else if (!ev.path("value").asText("").isEmpty()) {
      errors.invalid(path, "", "may not be specified when `value` is not empty");
    } else if (sources > 1) {
      errors.invalid(path, "", "may not have more than one field specified at a time");
    }
  }
}
