/**
 * The server's own metrics, served at {@code /metrics} in the Prometheus text format: the
 * kube-apiserver's request, in-flight, storage and watch metrics under their names and labels,
 * Logplane's log, projection and changelog figures under {@code logplane_}, and the JVM's.
 * Recording a request costs a map lookup of meters cached per label set, never a lock.
 */
package io.logplane.api.monitoring;
