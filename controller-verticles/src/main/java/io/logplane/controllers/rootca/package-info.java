/** The root CA publisher: the cluster's CA as ConfigMap {@code kube-root-ca.crt} in every namespace. */
package io.logplane.controllers.rootca;
