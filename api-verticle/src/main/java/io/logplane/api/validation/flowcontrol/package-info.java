/**
 * The validation of flowcontrol.apiserver.k8s.io's FlowSchema and PriorityLevelConfiguration
 * (v1beta3, as kube-apiserver 1.28 serves them), as kube's {@code pkg/apis/flowcontrol/validation}.
 */
package io.logplane.api.validation.flowcontrol;
