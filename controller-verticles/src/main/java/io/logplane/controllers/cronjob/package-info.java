/**
 * The CronJob controller of kube-controller-manager 1.28 (cronjob-controller v2): a Job named
 * {@code <cronjob>-<scheduled minute since the epoch>} for each schedule time reached, as
 * concurrencyPolicy, suspend and startingDeadlineSeconds allow, finished Jobs past the history
 * limits deleted, and the key looked at again at the next schedule time.
 */
package io.logplane.controllers.cronjob;
