/**
 * kube-controller-manager's persistentvolume-binder: claims bound to matching volumes, dynamic
 * provisioning handed to the class's provisioner, volumes released when their claim goes.
 */
package io.logplane.controllers.volume;
