/**
 * kube-controller-manager's certificate controllers, as one: the CSR approver that approves a
 * node's client certificate request when its requester may ask for one, and the signer that
 * issues the certificates of approved requests from the cluster CA.
 */
package io.logplane.controllers.certificates;
