/**
 * Versions of a kind served over one stored object: each served version that is not the stored
 * one has a {@link io.logplane.api.conversion.Converter} from and to the stored version, as
 * kube-apiserver's conversion functions turn every request's version into the storage version
 * on the way in and back on the way out. A view of another group's objects (events.k8s.io/v1
 * over core/v1 Events) is served the same way.
 */
package io.logplane.api.conversion;
