package io.logplane.api.rest;

import io.logplane.api.ApiContext;
import io.logplane.api.auth.Authenticator;
import io.logplane.api.auth.Authorizer;
import io.logplane.api.rbac.Escalation;
import io.logplane.api.rbac.RequestAttributes;
import io.logplane.api.rbac.PastSecrets;
import io.logplane.api.auth.ServiceAccountTokens;
import io.logplane.api.http.ApiException;
import io.logplane.api.http.Query;
import io.logplane.api.patch.PatchType;
import io.logplane.api.resources.BuiltinResources;
import io.logplane.api.validation.RequestOptions;
import io.logplane.projections.Proposals;
import io.logplane.projections.StateMachine;
import io.vertx.core.http.HttpMethod;

/** Dispatches a resource request to the handler of its verb; 405 for verbs the URL does not take. */
public final class Resources {

  private final GetHandler get;
  private final ListHandler list;
  private final WatchHandler watch;
  private final CreateHandler create;
  private final UpdateHandler update;
  private final PatchHandler patch;
  private final DeleteHandler delete;
  private final BindingHandler binding;
  private final EvictionHandler eviction;
  private final TokenRequestHandler tokenRequests;
  private final ReviewHandler reviews;
  private final PodLogHandler logs;
  private final PodStreamHandler streams;
  private final Refusals refusals;
  private final Authorizer authorizer;

  public Resources(ApiContext api, StateMachine machine, Schemas schemas, WatchEvents watchEvents,
      ServiceAccountTokens tokens, Authenticator authenticator, Authorizer authorizer,
      io.logplane.projections.policy.AdmissionPolicies policies) {
    this.authorizer = authorizer;
    Reads reads = new Reads(api);
    Present present = new Present(api.cipher());
    Proposals proposals = api.proposals();
    Writer writer = new Writer(api, machine, proposals);
    Admission admission = new Admission(api, schemas, new Escalation(authorizer, key -> {
      byte[] stored = api.projection().store().get(key);
      return stored == null ? null : io.logplane.projections.Json.object(stored);
    }), policies);
    PastSecrets pastSecrets = new PastSecrets(authorizer, api.proposals());
    this.get = new GetHandler(api, reads, present, pastSecrets);
    this.list = new ListHandler(api, reads, present, pastSecrets);
    this.watch = new WatchHandler(api, present, watchEvents, pastSecrets);
    this.create = new CreateHandler(api.vertx(), writer, admission, present);
    WritePath path = new WritePath(api, reads, admission, writer, present);
    this.update = new UpdateHandler(path);
    this.patch = new PatchHandler(path);
    this.delete = new DeleteHandler(api, writer, present, reads, admission);
    this.binding = new BindingHandler(writer);
    this.eviction = new EvictionHandler(writer);
    this.tokenRequests = new TokenRequestHandler(api, writer, tokens);
    this.reviews = new ReviewHandler(authenticator, authorizer);
    this.logs = new PodLogHandler(api, reads);
    this.streams = new PodStreamHandler(api, reads);
    this.refusals = new Refusals(api, proposals);
  }

  /**
   * @param asked what the request asks the authorizer; refused, a write is a record of the log
   *              like any other refusal (a create named by its body's name, as far as it reads)
   */
  public void handle(Call call, byte[] body, Authorizer.Attributes asked) {
    call.ctx().put(Refusals.class.getName(), refusals);
    Authorizer.Decision d = authorizer.authorize(call.user(), asked);
    if (!d.allowed()) {
      if (call.info().name() == null && call.ctx().request().method() == HttpMethod.POST) {
        String name = io.logplane.api.http.Bodies.nameOf(call.ctx().request().getHeader("Content-Type"), body);
        if (name != null) {
          call.ctx().put("logplane.name", name);
        }
      }
      throw RequestAttributes.forbidden(call.user(), asked, d.reason());
    }
    HttpMethod m = call.ctx().request().method();
    boolean named = call.info().name() != null;
    String sub = call.info().subresource();
    if ("log".equals(sub) && named && call.type().group().isEmpty() && call.type().resource().equals("pods")) {
      logs.handle(call); // a stream from the pod's node, not an object of the log
      return;
    }
    if (PodStreamHandler.serves(call, sub)) {
      streams.handle(call); // exec, attach, portforward: an upgraded connection to the pod's node
      return;
    }
    boolean createOnly = sub == null ? BuiltinResources.createOnly().contains(call.type())
        : BuiltinResources.createOnlySubresources(call.type()).containsKey(sub);
    if (sub != null && !createOnly && !call.type().subresources().contains(sub)) {
      throw ApiException.notFound("the server could not find the requested resource");
    }
    if (createOnly) {
      if (m != HttpMethod.POST || named == (sub == null)) {
        throw notAllowed(m);
      }
      checkOptions(call, m);
      if ("eviction".equals(sub)) {
        eviction.handle(call, body);
      } else if ("token".equals(sub)) {
        tokenRequests.handle(call, body);
      } else if (sub == null && ReviewHandler.serves(call.type().group(), call.type().resource())) {
        reviews.handle(call, body);
      } else {
        binding.handle(call, body);
      }
      return;
    }
    checkOptions(call, m);
    if (!named) {
      if (m == HttpMethod.GET) {
        if (call.flag("watch")) {
          watch.handle(call);
        } else {
          list.handle(call);
        }
      } else if (m == HttpMethod.POST) {
        create.handle(call, body);
      } else if (m == HttpMethod.DELETE) {
        delete.handleCollection(call, body);
      } else {
        throw notAllowed(m);
      }
      return;
    }
    if (m == HttpMethod.GET) {
      get.handle(call);
    } else if (m == HttpMethod.PUT) {
      update.handle(call, body);
    } else if (m == HttpMethod.PATCH) {
      patch.handle(call, body);
    } else if (m == HttpMethod.DELETE && sub == null) {
      delete.handle(call, body);
    } else {
      throw notAllowed(m);
    }
  }

  /**
   * The options of a write, refused before its body is read; a DELETE's may come in its body
   * (DeleteHandler), a PATCH of an unknown content type is a 415 first (PatchHandler).
   */
  private static void checkOptions(Call call, HttpMethod m) {
    Query q = call.query();
    RequestOptions.Given given = new RequestOptions.Given(q.getAll("dryRun"), q.get("fieldManager"),
        q.get("fieldValidation"), q.get("force"));
    if (m == HttpMethod.POST) {
      RequestOptions.checkWrite("CreateOptions", given);
    } else if (m == HttpMethod.PUT) {
      RequestOptions.checkWrite("UpdateOptions", given);
    } else if (m == HttpMethod.PATCH) {
      PatchType type = PatchType.fromContentType(call.ctx().request().getHeader("Content-Type"));
      if (type != null) {
        RequestOptions.checkPatch(type == PatchType.APPLY, given);
      }
    }
  }

  private static ApiException notAllowed(HttpMethod m) {
    return ApiException.of(405, "MethodNotAllowed", "the server does not allow this method on the requested"
        + " resource (" + m.name() + ")");
  }
}
