/**
 * Who is calling: the cluster's certificate authority and the certificates it issues
 * ({@link io.logplane.api.auth.Pki}), the static bearer-token file ({@link io.logplane.api.auth.Tokens}),
 * the request authenticator that turns a bearer token or a TLS client certificate into a
 * {@link io.logplane.api.auth.User} ({@link io.logplane.api.auth.Authenticator}), and the kubeconfig
 * handed to kubectl ({@link io.logplane.api.auth.Kubeconfig}); service-account tokens: their signing
 * key ({@link io.logplane.api.auth.ServiceAccountKey}), signing and verification
 * ({@link io.logplane.api.auth.ServiceAccountTokens}), the authenticator that holds them to the
 * account and the object they are bound to ({@link io.logplane.api.auth.ServiceAccountAuthenticator})
 * and the issuer's OIDC discovery ({@link io.logplane.api.auth.IssuerDiscovery}); impersonation is refused
 * ({@link io.logplane.api.auth.Impersonation}) until an authorizer decides on it.
 *
 * <p>Conventions follow kube-apiserver so that existing tooling works unchanged: a client
 * certificate's subject CN is the user name and its O values are the groups; the token file is
 * kube's static token file ({@code token,user,uid,"group1,group2"}).
 */
package io.logplane.api.auth;
