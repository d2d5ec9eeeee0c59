package io.logplane.tests.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code $repeat(N,TEXT)} inside a string or a key stands for TEXT written N times: how a case
 * file states a name of 254 characters or a ConfigMap over 1 MiB without holding one.
 */
final class Repeat {

  private static final Pattern REPEAT = Pattern.compile("\\$repeat\\((\\d+),([^)]*)\\)");

  private Repeat() {}

  static String expand(String s) {
    Matcher m = REPEAT.matcher(s);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(b, Matcher.quoteReplacement(m.group(2).repeat(Integer.parseInt(m.group(1)))));
    }
    return m.appendTail(b).toString();
  }

  static JsonNode expand(JsonNode n) {
    if (n.isTextual()) {
      return TextNode.valueOf(expand(n.asText()));
    }
    if (n.isArray()) {
      List<JsonNode> items = new ArrayList<>();
      n.forEach(i -> items.add(expand(i)));
      return Corpus.YAML.createArrayNode().addAll(items);
    }
    if (n.isObject()) {
      ObjectNode out = Corpus.YAML.createObjectNode();
      for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) n::fields) {
        out.set(expand(e.getKey()), expand(e.getValue()));
      }
      return out;
    }
    return n;
  }
}
