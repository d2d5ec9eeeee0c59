/**
 * The JVM each {@code logplane} command runs in. Started without JVM options of its own (plain
 * {@code java -jar logplane.jar up}), the launcher starts itself again as a child JVM with the
 * command's options ({@link io.logplane.launcher.jvm.JvmOptions}, the one table of them) on the
 * JDK {@link io.logplane.launcher.jvm.JavaHomes} picks, and stands in for it: same stdio, a
 * SIGTERM reaches the child, the child's exit code is the launcher's
 * ({@link io.logplane.launcher.jvm.Relaunch}).
 */
package io.logplane.launcher.jvm;
