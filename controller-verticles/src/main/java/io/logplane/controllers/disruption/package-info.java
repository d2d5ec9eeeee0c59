/**
 * The disruption controller: keeps each PodDisruptionBudget's status (healthy pods, the
 * disruptions it allows, the DisruptionAllowed condition) from the pods its selector matches
 * and the scale of their controllers. Evictions spend what it allows inside the state machine.
 */
package io.logplane.controllers.disruption;
