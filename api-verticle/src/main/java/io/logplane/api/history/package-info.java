/**
 * The {@code history.logplane.io/v1} API group: read-only views of the log's history.
 * {@code versions} lists every version and refused attempt of an object (with the JSON patch
 * from the version before); {@code auditevents} lists one entry per log record, also exported
 * as {@code audit.k8s.io/v1} Events. Secret values never appear: objects pass through
 * {@link io.logplane.api.admission.Redaction} before anything is computed from them.
 */
package io.logplane.api.history;
