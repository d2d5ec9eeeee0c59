/**
 * CertificateSigningRequests (certificates.k8s.io/v1) as Kubernetes 1.28 handles them, as pure
 * logic over the objects' JSON: {@link io.logplane.api.certificates.CsrValidator} (the API's
 * create, update, status and approval rules), {@link io.logplane.api.certificates.CsrStrategy}
 * (what each write path keeps from the stored object or resets),
 * {@link io.logplane.api.certificates.CsrApproval} (the kubelet client auto-approval) and
 * {@link io.logplane.api.certificates.CsrSigner} (the controller-manager's signers). Nothing here
 * reads a store or the network; the signer takes its CA, clock and random source as parameters,
 * and a controller writes what it returns.
 */
package io.logplane.api.certificates;
