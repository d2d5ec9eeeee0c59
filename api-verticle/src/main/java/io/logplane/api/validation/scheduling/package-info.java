/** Validation of the scheduling.k8s.io kind: PriorityClass. */
package io.logplane.api.validation.scheduling;
