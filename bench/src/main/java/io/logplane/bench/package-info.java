/**
 * {@code logplane bench}: a load generator that measures any Kubernetes API server (a real
 * kube-apiserver or Logplane) through its kubeconfig, the way client-go talks to it: HTTP/2
 * over TLS, one shared connection by default, JSON bodies, chunked JSON watches. It imports
 * nothing of Logplane but the small client of {@code io.logplane.kubeclient}.
 *
 * <p>Scenarios: closed-loop create throughput at several concurrencies, open-loop create
 * latency at a fixed rate (measured from the scheduled send time, so a stalled server cannot
 * hide its stall by slowing the client down), list, and watch delivery latency. Every
 * non-2xx answer and transport failure is counted and printed.
 *
 * <p>Two scenarios measure a whole control plane instead (Logplane, or kube-apiserver with
 * kube-scheduler and kube-controller-manager): scheduling throughput onto fake nodes, with the
 * pods created while the bench holds the scheduler's Lease ({@link SchedulerScenario}), and a
 * Deployment's time to Ready on hollow nodes ({@link DeploymentScenario}); both print the
 * resident memory of the server's processes ({@link ServerMemory}).
 */
package io.logplane.bench;
