/**
 * Claims, volumes and classes as kube's storage helpers read them, shared by the scheduler's
 * volume binding and the persistent-volume binder: which volume a claim may bind to
 * ({@link io.logplane.projections.volumes.VolumeMatching}) and the fields and annotations both
 * read and write ({@link io.logplane.projections.volumes.Volumes}).
 */
package io.logplane.projections.volumes;
