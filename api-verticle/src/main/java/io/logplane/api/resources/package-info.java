/** The resource kinds Logplane serves: built-in ones and those defined by CustomResourceDefinitions. */
package io.logplane.api.resources;
