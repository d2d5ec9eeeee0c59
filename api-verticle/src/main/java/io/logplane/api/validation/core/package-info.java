/** The validators of the core group's kinds (Pod, Service, ConfigMap, Secret...), one class each. */
package io.logplane.api.validation.core;
