/** HTTP plumbing of the API: URL parsing, Status errors, bodies in and out. */
package io.logplane.api.http;
