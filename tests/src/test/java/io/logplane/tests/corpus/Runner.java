package io.logplane.tests.corpus;

import io.logplane.tests.http.Api;
import io.logplane.tests.http.Response;

/** Sends cases to one server as one user, in the order given; every answer is reduced to an {@link Answer}. */
public final class Runner {

  private final Api api;

  public Runner(Api api) {
    this.api = api;
  }

  /** Creates the namespace a file's cases need (an existing one is fine). */
  public void prepare(Corpus.File file) {
    if (file.namespace().isEmpty()) {
      return;
    }
    Response r = api.send("POST", "/api/v1/namespaces", "application/json",
        "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + file.namespace() + "\"}}");
    if (r.code() != 201 && r.code() != 409) {
      throw new AssertionError("namespace " + file.namespace() + ": " + r.code() + " " + r.text());
    }
  }

  /** The setup object first, when the case has one and it was created, then the request. */
  public Answer run(Case c) {
    if (c.setup() != null) {
      Response s = api.send("POST", c.setupPath(), "application/json", c.setup().toString());
      if (s.code() != 201) {
        return Answer.of(s).atSetup();
      }
    }
    return Answer.of(api.send(c.method(), c.target(), c.contentType(), c.body()));
  }
}
