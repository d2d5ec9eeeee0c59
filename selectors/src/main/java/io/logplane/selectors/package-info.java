/**
 * Label and field selectors as the Kubernetes API parses and applies them: the string forms
 * of the {@code labelSelector} and {@code fieldSelector} query parameters, and the structured
 * {@code metav1.LabelSelector} that workload objects carry. Pure: no I/O, no state, nothing of
 * Logplane; the API server, the scheduler and the controllers select with the same code.
 */
package io.logplane.selectors;
