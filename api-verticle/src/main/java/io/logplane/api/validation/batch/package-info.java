/**
 * Validation of the batch/v1 kinds (Job, CronJob) as kube-apiserver 1.28 does it
 * ({@code pkg/apis/batch/validation}), with the cron schedule read as its cron library reads it.
 */
package io.logplane.api.validation.batch;
