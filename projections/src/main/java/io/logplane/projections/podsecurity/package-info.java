/** Kubernetes 1.28's Pod Security Standards (the pod-security-admission checks) evaluated over JSON pods and namespace labels. */
package io.logplane.projections.podsecurity;
