"""The official Python client (kubernetes, as Debian packages it) against one server.

Usage: python3 python_client.py KUBECONFIG NAMESPACE

Prints one JSON object a line for each thing it did and saw; the Java test asserts on them.
Any exception of the client ends the script with a non-zero exit and its traceback.
"""
import json
import sys
import threading
import time

from kubernetes import client, config, watch

kubeconfig, ns = sys.argv[1], sys.argv[2]


def out(step, **fields):
    print(json.dumps(dict(step=step, **fields), sort_keys=True), flush=True)


def cm(name, data):
    return client.V1ConfigMap(metadata=client.V1ObjectMeta(name=name, labels={"app": "py"}), data=data)


config.load_kube_config(config_file=kubeconfig)
core = client.CoreV1Api()
apps = client.AppsV1Api()

# Discovery as the client asks for it: /version, /api/, /apis/ (with their trailing slashes).
out("discovery", version=client.VersionApi().get_code().git_version,
    core=client.CoreApi().get_api_versions().versions,
    groups=sorted(g.name for g in client.ApisApi().get_api_versions().groups))

core.create_namespace(client.V1Namespace(metadata=client.V1ObjectMeta(name=ns)))
first = core.create_namespaced_config_map(ns, cm("first", {"k": "v1"}))
out("created", name=first.metadata.name, rv=first.metadata.resource_version, uid=first.metadata.uid)

for i in range(3):
    core.create_namespaced_config_map(ns, client.V1ConfigMap(metadata=client.V1ObjectMeta(name="page-%d" % i)))
# The root CA publisher's ConfigMap, which every namespace gets soon after it is made, as in kube.
for _ in range(300):
    if any(i.metadata.name == "kube-root-ca.crt" for i in core.list_namespaced_config_map(ns).items):
        break
    time.sleep(0.1)
page = core.list_namespaced_config_map(ns, limit=2)
rest = core.list_namespaced_config_map(ns, limit=2, _continue=page.metadata._continue)
last = core.list_namespaced_config_map(ns, limit=2, _continue=rest.metadata._continue)
out("pages", names=[i.metadata.name for i in page.items + rest.items + last.items], last=last.metadata._continue)

listed = core.list_namespaced_config_map(ns, label_selector="app=py")
rv = listed.metadata.resource_version
out("list", rv=rv, names=[i.metadata.name for i in listed.items])

# A watch from the list's resourceVersion, started before the changes it must see.
seen = []
started = threading.Event()


def watch_from(version):
    w = watch.Watch()
    started.set()
    for e in w.stream(core.list_namespaced_config_map, ns, resource_version=version, timeout_seconds=60):
        seen.append(e)
        if e["type"] == "DELETED" and e["object"].metadata.name == "first":
            w.stop()


watcher = threading.Thread(target=watch_from, args=(rv,))
watcher.start()
started.wait()

second = core.create_namespaced_config_map(ns, cm("second", {"k": "x"}))
out("created", name=second.metadata.name, rv=second.metadata.resource_version, uid=second.metadata.uid)
strategic = core.patch_namespaced_config_map("first", ns, {"data": {"k": "v2"}, "metadata": {"labels": {"p": "sm"}}})
out("patched", kind="strategic", rv=strategic.metadata.resource_version, data=strategic.data,
    labels=strategic.metadata.labels)
jsonpatch = core.patch_namespaced_config_map("first", ns, [{"op": "add", "path": "/data/j", "value": "p"}])
out("patched", kind="json", rv=jsonpatch.metadata.resource_version, data=jsonpatch.data,
    labels=jsonpatch.metadata.labels)
merge = core.api_client.call_api(
    "/api/v1/namespaces/{namespace}/configmaps/{name}", "PATCH", {"namespace": ns, "name": "first"},
    header_params={"Content-Type": "application/merge-patch+json", "Accept": "application/json"},
    body={"data": {"j": None, "m": "q"}}, response_type="V1ConfigMap", auth_settings=["BearerToken"],
    _return_http_data_only=True)
out("patched", kind="merge", rv=merge.metadata.resource_version, data=merge.data, labels=merge.metadata.labels)
status = core.delete_namespaced_config_map("first", ns)
out("deleted", name="first", status=status.status)

watcher.join(90)
out("watched", alive=watcher.is_alive(), events=[
    dict(type=e["type"], name=e["object"].metadata.name, rv=e["object"].metadata.resource_version,
         data=e["object"].data) for e in seen])

# A watch that ends by its timeoutSeconds, after a synthetic ADDED per object.
ended = [dict(type=e["type"], name=e["object"].metadata.name)
         for e in watch.Watch().stream(core.list_namespaced_config_map, ns, timeout_seconds=1)]
out("watch-timeout", events=ended)

try:
    core.read_namespaced_config_map("first", ns)
    out("read-deleted", status=200)
except client.ApiException as e:
    out("read-deleted", status=e.status, reason=json.loads(e.body)["reason"])

deployment = apps.create_namespaced_deployment(ns, client.V1Deployment(
    metadata=client.V1ObjectMeta(name="web"),
    spec=client.V1DeploymentSpec(
        replicas=2, selector=client.V1LabelSelector(match_labels={"app": "web"}),
        template=client.V1PodTemplateSpec(
            metadata=client.V1ObjectMeta(labels={"app": "web"}),
            spec=client.V1PodSpec(containers=[client.V1Container(name="web", image="nginx")])))))
out("deployment", replicas=deployment.spec.replicas, rv=deployment.metadata.resource_version,
    strategy=deployment.spec.strategy.type)
scaled = apps.patch_namespaced_deployment_scale("web", ns, {"spec": {"replicas": 3}})
out("scaled", replicas=scaled.spec.replicas)
out("deployments", names=[d.metadata.name for d in apps.list_namespaced_deployment(ns).items],
    replicas=apps.read_namespaced_deployment("web", ns).spec.replicas)

crd = client.ApiextensionsV1Api().create_custom_resource_definition({
    "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
    "metadata": {"name": "crontabs.stable.example.com"},
    "spec": {"group": "stable.example.com", "scope": "Namespaced",
             "names": {"plural": "crontabs", "singular": "crontab", "kind": "CronTab"},
             "versions": [{"name": "v1", "served": True, "storage": True, "schema": {"openAPIV3Schema": {
                 "type": "object", "properties": {"spec": {"type": "object", "properties": {
                     "cronSpec": {"type": "string"}, "replicas": {"type": "integer"}}}}}}}]}})
out("crd", name=crd.metadata.name)
custom = client.CustomObjectsApi()
body = {"apiVersion": "stable.example.com/v1", "kind": "CronTab", "metadata": {"name": "nightly"},
        "spec": {"cronSpec": "0 3 * * *", "replicas": 1}}
for attempt in range(100):
    try:
        made = custom.create_namespaced_custom_object("stable.example.com", "v1", ns, "crontabs", body)
        break
    except client.ApiException as e:
        if e.status != 404 or attempt == 99:
            raise
        time.sleep(0.2)  # the new resource is being established
out("custom-created", name=made["metadata"]["name"], uid=made["metadata"]["uid"])
custom.patch_namespaced_custom_object("stable.example.com", "v1", ns, "crontabs", "nightly",
                                      {"spec": {"replicas": 4}})
crons = custom.list_namespaced_custom_object("stable.example.com", "v1", ns, "crontabs")
out("custom-list", kind=crons["kind"], items=[(c["metadata"]["name"], c["spec"]["replicas"]) for c in crons["items"]])
custom.delete_namespaced_custom_object("stable.example.com", "v1", ns, "crontabs", "nightly")
out("custom-after-delete", items=len(custom.list_namespaced_custom_object(
    "stable.example.com", "v1", ns, "crontabs")["items"]))
out("done")
