package io.logplane.projections.policy;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import java.util.ArrayList;
import java.util.List;

/**
 * kube's CEL regex library (apiserver cel/library regex.go): {@code s.find(re)} is the leftmost
 * match or "", {@code s.findAll(re)} and {@code s.findAll(re, n)} every match (at most n when n is
 * not negative) as Go's {@code FindAllString} returns them, empty matches right after a match
 * left out. Patterns are RE2, as Go's: compiled with re2j, the engine cel-java's own
 * {@code matches} uses. A bad pattern is an evaluation error "Illegal regex: ..." (kube reports a
 * constant bad pattern when compiling; here it fails when evaluated).
 */
final class RegexFunctions {

  private RegexFunctions() {}

  static List<CelFunctionDecl> declarations() {
    return List.of(
        CelFunctionDecl.newFunctionDeclaration("find",
            CelOverloadDecl.newMemberOverload("string_find_string", SimpleType.STRING, SimpleType.STRING,
                SimpleType.STRING)),
        CelFunctionDecl.newFunctionDeclaration("findAll",
            CelOverloadDecl.newMemberOverload("string_find_all_string", ListType.create(SimpleType.STRING),
                SimpleType.STRING, SimpleType.STRING),
            CelOverloadDecl.newMemberOverload("string_find_all_string_int", ListType.create(SimpleType.STRING),
                SimpleType.STRING, SimpleType.STRING, SimpleType.INT)));
  }

  static List<CelFunctionBinding> bindings() {
    return List.of(
        CelFunctionBinding.from("string_find_string", String.class, String.class, RegexFunctions::find),
        CelFunctionBinding.from("string_find_all_string", String.class, String.class,
            (s, re) -> findAll(s, re, -1)),
        CelFunctionBinding.from("string_find_all_string_int", List.of(String.class, String.class, Long.class),
            args -> findAll((String) args[0], (String) args[1], (Long) args[2])));
  }

  private static String find(String s, String regex) throws CelEvaluationException {
    Matcher m = pattern(regex).matcher(s);
    return m.find() ? m.group() : "";
  }

  private static List<String> findAll(String s, String regex, long n) throws CelEvaluationException {
    Pattern p = pattern(regex);
    List<String> found = new ArrayList<>();
    Matcher m = p.matcher(s);
    int pos = 0;
    int previousEnd = -1;
    while ((n < 0 || found.size() < n) && pos <= s.length() && m.find(pos)) {
      boolean accept = true;
      if (m.end() == m.start()) {
        // Go skips an empty match that touches the previous match, then moves one character on.
        accept = m.start() != previousEnd;
        pos = m.end() < s.length() ? m.end() + Character.charCount(s.codePointAt(m.end())) : s.length() + 1;
      } else {
        pos = m.end();
      }
      previousEnd = m.end();
      if (accept) {
        found.add(m.group());
      }
    }
    return found;
  }

  private static Pattern pattern(String regex) throws CelEvaluationException {
    try {
      return Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new CelEvaluationException("Illegal regex: " + e.getMessage());
    }
  }
}
