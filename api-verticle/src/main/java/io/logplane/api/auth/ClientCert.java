package io.logplane.api.auth;

/**
 * A client certificate and its private key, both PEM, as a node agent or a kubeconfig needs them.
 *
 * @param certPem the certificate ({@code CERTIFICATE} block), signed by the cluster CA
 * @param keyPem the private key ({@code PRIVATE KEY} block, PKCS#8)
 */
public record ClientCert(String certPem, String keyPem) {}
