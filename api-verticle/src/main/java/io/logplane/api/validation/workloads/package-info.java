/**
 * What the validators of the workload kinds share: Go's rendering of the struct values their
 * errors print (label selectors, int-or-string), int-or-percent fields, immutable fields, and
 * the checks of a controller's selector against its pod template.
 */
package io.logplane.api.validation.workloads;
