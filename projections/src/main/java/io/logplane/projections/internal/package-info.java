/** Helpers of the projection that other modules do not call. */
package io.logplane.projections.internal;
