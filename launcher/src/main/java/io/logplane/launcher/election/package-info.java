/**
 * Leader election over {@code coordination.k8s.io/v1} Leases written through the log, as
 * client-go's leaderelection does over the API: one replica of several on one Kafka runs the
 * scheduler and the controllers; the others wait for its Lease to expire.
 */
package io.logplane.launcher.election;
