/**
 * Validation of the networking.k8s.io/v1 kinds (Ingress, IngressClass, NetworkPolicy) as
 * kube-apiserver 1.28 does it ({@code pkg/apis/networking/validation}).
 */
package io.logplane.api.validation.networking;
