/**
 * The endpoints and endpointslice controllers: for each Service with a selector, the addresses
 * of the pods it selects, ready or not, with the Service's ports resolved against each pod's
 * container ports, as {@code Endpoints} and {@code discovery.k8s.io/v1} EndpointSlices.
 */
package io.logplane.controllers.endpoints;
