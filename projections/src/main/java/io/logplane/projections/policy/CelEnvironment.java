package io.logplane.projections.policy;

import dev.cel.common.CelOptions;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.StructType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerBuilder;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.extensions.CelExtensions;
import dev.cel.extensions.CelStringExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The CEL environment of a ValidatingAdmissionPolicy, as kube's base environment and the
 * admission variables declare it: the standard library and macros, homogeneous aggregate
 * literals, the strings extension at kube's version 0 (charAt, indexOf, join, lastIndexOf,
 * lowerAscii, replace, split, substring, trim, upperAscii), kube's list and regex libraries, and
 * the options kube enables from 1.28 on (optional types, cross-type numeric comparisons).
 * Immutable: the runtime and the compilers built here are shared by every policy.
 */
final class CelEnvironment {

  static final CelOptions OPTIONS = CelOptions.current().enableOptionalSyntax(true)
      .enableHeterogeneousNumericComparisons(true).enableHomogeneousLiterals(true).build();

  /** ext.Strings(version 0) as kube 1.28 loads it; quote and reverse came later. */
  private static final Set<CelStringExtensions.Function> STRINGS = EnumSet.of(
      CelStringExtensions.Function.CHAR_AT, CelStringExtensions.Function.INDEX_OF, CelStringExtensions.Function.JOIN,
      CelStringExtensions.Function.LAST_INDEX_OF, CelStringExtensions.Function.LOWER_ASCII,
      CelStringExtensions.Function.REPLACE, CelStringExtensions.Function.SPLIT,
      CelStringExtensions.Function.SUBSTRING, CelStringExtensions.Function.TRIM,
      CelStringExtensions.Function.UPPER_ASCII);

  static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().setOptions(OPTIONS)
      .addLibraries(CelExtensions.strings(STRINGS), CelExtensions.optional())
      .addFunctionBindings(ListFunctions.bindings()).addFunctionBindings(RegexFunctions.bindings()).build();

  /** The variables every expression sees; params and variables are added per policy. */
  private static final CelCompiler BASE = CelCompilerFactory.standardCelCompilerBuilder().setOptions(OPTIONS)
      .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
      .addLibraries(CelExtensions.strings(STRINGS), CelExtensions.optional())
      .addFunctionDeclarations(ListFunctions.declarations()).addFunctionDeclarations(RegexFunctions.declarations())
      .setTypeProvider(KubeTypes.provider(null))
      .addVar("object", SimpleType.DYN).addVar("oldObject", SimpleType.DYN)
      .addVar("request", KubeTypes.REQUEST).addVar("namespaceObject", KubeTypes.NAMESPACE).build();

  private CelEnvironment() {}

  /**
   * A compiler for one policy's expressions: {@code params} is declared only when the policy
   * has a paramKind, and {@code variables} only when {@code variables} is not null, with those
   * names as its fields (kube declares them one by one, so a variable sees the ones before it).
   */
  static CelCompiler compiler(boolean params, List<String> variables) {
    if (!params && variables == null) {
      return BASE;
    }
    CelCompilerBuilder b = BASE.toCompilerBuilder();
    if (params) {
      b.addVar("params", SimpleType.DYN);
    }
    if (variables != null) {
      StructType type = KubeTypes.variables(new ArrayList<>(variables));
      b.addVar("variables", type).setTypeProvider(KubeTypes.provider(type));
    }
    return b.build();
  }
}
