/**
 * Hollow nodes: the simulated runtime ({@code Simulation}: containers that run for ever or for
 * an annotated time and exit, restarted by the restart policy), the identities of N nodes
 * (names, labels, zones, CIDRs), and the fleet that shares one pod watch among them and drives
 * them with one timer.
 */
package io.logplane.node.internal.hollow;
