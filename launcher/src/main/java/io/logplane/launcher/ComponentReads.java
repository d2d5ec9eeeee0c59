package io.logplane.launcher;

import io.logplane.api.auth.Authorizer;
import io.logplane.api.auth.User;
import io.logplane.api.rbac.RequestAttributes;
import io.logplane.projections.informers.Informers;

/**
 * What an in-process control-plane component may read through the shared caches: what RBAC
 * lets its user list and watch, as kube-apiserver authorizes the informers of kube-scheduler
 * and kube-controller-manager. A cache of a key prefix the user may not read is refused when the
 * component first asks for it.
 */
final class ComponentReads {

  private ComponentReads() {}

  static Informers.ReadCheck of(Authorizer authorizer, User user) {
    return prefix -> {
      String[] part = prefix.split("/", 3);
      if (part.length < 2) {
        return user.name() + " may not read " + prefix + ": not a resource's keys";
      }
      String group = part[0].equals("core") ? "" : part[0];
      String resource = part[1];
      for (String verb : new String[] {"list", "watch"}) {
        Authorizer.Attributes asked = new Authorizer.Attributes(verb, group, resource, "", "", "", null);
        Authorizer.Decision d = authorizer.authorize(user, asked);
        if (!d.allowed()) {
          return RequestAttributes.forbidden(user, asked, d.reason()).getMessage(); // kube's 403, as a list would get
        }
      }
      return null;
    };
  }
}
