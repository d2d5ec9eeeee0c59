/** Discovery documents: aggregated (apidiscovery.k8s.io/v2) and legacy. */
package io.logplane.api.discovery;
