/**
 * Versions of a kind served over one stored object: each served version that is not the stored
 * one has a {@link io.logplane.api.conversion.Converter} from and to the stored version, as
 * kube-apiserver's conversion functions turn every request's version into the storage version
 * on the way in and back on the way out.
 */
package io.logplane.api.conversion;
