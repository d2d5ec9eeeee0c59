/** Validation of the policy/v1 PodDisruptionBudget as kube-apiserver 1.28 does it. */
package io.logplane.api.validation.policy;
