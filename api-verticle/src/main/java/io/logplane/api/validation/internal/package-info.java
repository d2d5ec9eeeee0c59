/** Helpers of the validators that no other package needs: Go's value printing, base64 and the like. */
package io.logplane.api.validation.internal;
