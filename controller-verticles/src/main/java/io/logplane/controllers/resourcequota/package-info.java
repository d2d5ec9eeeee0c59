/**
 * The resource quota controller: keeps each ResourceQuota's {@code status.hard} and
 * {@code status.used} current from the objects of its namespace. The state machine keeps the
 * usage record by record as it enforces the quota; this controller counts it again from the
 * caches, as kube's quota controller does on its resync, and corrects a status that drifted.
 */
package io.logplane.controllers.resourcequota;
