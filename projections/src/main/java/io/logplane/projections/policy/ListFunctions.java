package io.logplane.projections.policy;

import dev.cel.common.CelErrorCode;
import dev.cel.common.CelException;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.TypeParamType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.List;
import java.util.Map;

/**
 * kube's CEL list library (apiserver cel/library lists.go): {@code isSorted()}, {@code sum()},
 * {@code min()}, {@code max()}, {@code indexOf(x)} and {@code lastIndexOf(x)} on lists. Elements
 * are ordered, added and compared by CEL's own {@code <}, {@code +} and {@code ==} (cel-java
 * evaluates them), so the results follow CEL's rules. One overload over {@code list(A)} stands for
 * kube's overload per comparable type: a list of maps compiles here and fails when evaluated
 * ("no such overload"), where kube refuses it when compiling. The sum of an empty list is the int 0.
 */
final class ListFunctions {

  private static final TypeParamType A = TypeParamType.create("A");

  private ListFunctions() {}

  static List<CelFunctionDecl> declarations() {
    ListType list = ListType.create(A);
    return List.of(
        CelFunctionDecl.newFunctionDeclaration("isSorted",
            CelOverloadDecl.newMemberOverload("list_a_is_sorted_bool", SimpleType.BOOL, list)),
        CelFunctionDecl.newFunctionDeclaration("sum", CelOverloadDecl.newMemberOverload("list_a_sum_a", A, list)),
        CelFunctionDecl.newFunctionDeclaration("min", CelOverloadDecl.newMemberOverload("list_a_min_a", A, list)),
        CelFunctionDecl.newFunctionDeclaration("max", CelOverloadDecl.newMemberOverload("list_a_max_a", A, list)),
        CelFunctionDecl.newFunctionDeclaration("indexOf",
            CelOverloadDecl.newMemberOverload("list_a_index_of_int", SimpleType.INT, list, A)),
        CelFunctionDecl.newFunctionDeclaration("lastIndexOf",
            CelOverloadDecl.newMemberOverload("list_a_last_index_of_int", SimpleType.INT, list, A)));
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  static List<CelFunctionBinding> bindings() {
    return List.of(
        CelFunctionBinding.from("list_a_is_sorted_bool", List.class, l -> isSorted(l)),
        CelFunctionBinding.from("list_a_sum_a", List.class, l -> sum(l)),
        CelFunctionBinding.from("list_a_min_a", List.class, l -> extreme(l, "min")),
        CelFunctionBinding.from("list_a_max_a", List.class, l -> extreme(l, "max")),
        CelFunctionBinding.from("list_a_index_of_int", List.class, Object.class, (l, x) -> indexOf(l, x, false)),
        CelFunctionBinding.from("list_a_last_index_of_int", List.class, Object.class,
            (l, x) -> indexOf(l, x, true)));
  }

  private static boolean isSorted(List<Object> list) throws CelEvaluationException {
    for (int i = 1; i < list.size(); i++) {
      if (Operators.less(list.get(i), list.get(i - 1))) {
        return false;
      }
    }
    return true;
  }

  private static Object sum(List<Object> list) throws CelEvaluationException {
    if (list.isEmpty()) {
      return 0L;
    }
    Object acc = list.get(0);
    for (int i = 1; i < list.size(); i++) {
      acc = Operators.apply(Operators.ADD, acc, list.get(i));
    }
    return acc;
  }

  /** The least ({@code min}) or greatest ({@code max}) element; the first of equals wins. */
  private static Object extreme(List<Object> list, String op) throws CelEvaluationException {
    if (list.isEmpty()) {
      throw new CelEvaluationException(op + " called on empty list");
    }
    Object result = list.get(0);
    for (int i = 1; i < list.size(); i++) {
      Object next = list.get(i);
      if (op.equals("min") ? Operators.less(next, result) : Operators.less(result, next)) {
        result = next;
      }
    }
    return result;
  }

  private static long indexOf(List<Object> list, Object item, boolean last) throws CelEvaluationException {
    for (int n = 0; n < list.size(); n++) {
      int i = last ? list.size() - 1 - n : n;
      if (Boolean.TRUE.equals(Operators.apply(Operators.EQUALS, list.get(i), item))) {
        return i;
      }
    }
    return -1;
  }

  /** CEL's operators as programs over two dynamic values; built on first use. */
  private static final class Operators {
    static final CelRuntime.Program LESS = program("a < b");
    static final CelRuntime.Program EQUALS = program("a == b");
    static final CelRuntime.Program ADD = program("a + b");

    static boolean less(Object a, Object b) throws CelEvaluationException {
      return Boolean.TRUE.equals(apply(LESS, a, b));
    }

    /** The operator's result; its errors as cel-go words them ("no such overload"). */
    static Object apply(CelRuntime.Program p, Object a, Object b) throws CelEvaluationException {
      try {
        return p.eval(Map.of("a", a, "b", b));
      } catch (CelEvaluationException e) {
        throw new CelEvaluationException(
            e.getErrorCode() == CelErrorCode.NUMERIC_OVERFLOW ? "integer overflow" : "no such overload");
      }
    }

    private static CelRuntime.Program program(String expression) {
      CelCompiler compiler = CelCompilerFactory.standardCelCompilerBuilder().setOptions(CelEnvironment.OPTIONS)
          .addVar("a", SimpleType.DYN).addVar("b", SimpleType.DYN).build();
      CelRuntime runtime = CelRuntimeFactory.standardCelRuntimeBuilder().setOptions(CelEnvironment.OPTIONS).build();
      try {
        return runtime.createProgram(compiler.compile(expression).getAst());
      } catch (CelException e) {
        throw new IllegalStateException("the operator " + expression + " must compile", e);
      }
    }
  }
}
