/**
 * API Priority and Fairness (flowcontrol.apiserver.k8s.io/v1beta3) as kube-apiserver 1.28 applies
 * it: requests classified by FlowSchema, the server's concurrency divided among priority levels,
 * and fair queuing within each level.
 */
package io.logplane.api.flowcontrol;
