/** What the API does to an object before it is appended: defaults, validation, sealing secrets. */
package io.logplane.api.admission;
