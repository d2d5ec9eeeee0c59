/**
 * Policies the cluster holds writes to. What the policy kinds count and compare, shared by the
 * state machine (which enforces ResourceQuotas and LimitRanges on create and decides evictions)
 * and the controllers that keep their status: quantities as apimachinery reads and prints them,
 * and a quota's usage of an object, as kube's quota evaluators compute it. And the
 * ValidatingAdmissionPolicies with their CEL expressions ({@link
 * io.logplane.projections.policy.Policies}, compiled with cel-java), which the API's admission
 * and the controllers' writer both ask ({@link io.logplane.projections.policy.AdmissionPolicies}).
 */
package io.logplane.projections.policy;
