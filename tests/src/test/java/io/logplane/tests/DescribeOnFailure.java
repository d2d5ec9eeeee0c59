package io.logplane.tests;

import java.lang.reflect.Method;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

/**
 * Adds what the cluster said about the objects a test relies on (kubectl describe of them, the
 * namespace's events) to the message of the test's failure, so that a failure seen once in CI
 * shows the state that caused it.
 */
final class DescribeOnFailure implements InvocationInterceptor {

  private final Supplier<Kubectl> kubectl;
  private final String[] objects;

  /** @param objects kubectl's names of the objects to describe, such as {@code pod/box} */
  DescribeOnFailure(Supplier<Kubectl> kubectl, String... objects) {
    this.kubectl = kubectl;
    this.objects = objects;
  }

  @Override
  public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
      ExtensionContext extensionContext) throws Throwable {
    try {
      invocation.proceed();
    } catch (AssertionError e) {
      AssertionError described = new AssertionError(e.getMessage() + "\n--- the cluster then:\n" + described(), e);
      described.setStackTrace(e.getStackTrace());
      throw described;
    }
  }

  private String described() {
    Kubectl k = kubectl.get();
    if (k == null) {
      return "(no cluster)";
    }
    StringBuilder out = new StringBuilder();
    for (String object : objects) {
      out.append(k.run("describe", object).all()).append('\n');
    }
    return out.append(k.run("get", "events", "--sort-by=.metadata.creationTimestamp").all()).toString();
  }
}
