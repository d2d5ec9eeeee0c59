/**
 * The launcher jar as a user starts it ({@code java -jar logplane.jar up}): the child JVM it
 * starts with the command's options, and how signals to the launcher reach that child.
 */
package io.logplane.tests.launcher;
