/**
 * ControllerRevisions as kube-controller-manager's history package keeps them for DaemonSets and
 * StatefulSets: a revision holds the owner's pod template as a strategic merge patch that
 * replaces it, is named after the owner and the hash of that patch, numbered in the order
 * templates were used, and the oldest unused ones are deleted past revisionHistoryLimit.
 * Also what both set controllers read of a pod's state (ready, available).
 */
package io.logplane.controllers.history;
