// Start-up and navigation: token from the fragment or the login box, then the timeline or an
// object's view depending on the URL's query (?view=object&...), without reloading the page.
'use strict';
window.LP = window.LP || {};

(function (LP) {
  const $ = (id) => document.getElementById(id);
  // The back link returns to the timeline with the filters it had.
  let lastTimeline = '';

  LP.setStatus = function (text) {
    const s = $('status');
    s.classList.remove('error');
    s.dataset.base = text;
    s.textContent = text + (s.dataset.live ? ' · ' + s.dataset.live : '');
  };
  LP.setLive = function (text) {
    const s = $('status');
    s.dataset.live = text;
    if (!s.classList.contains('error')) s.textContent = (s.dataset.base || '') + ' · ' + text;
  };

  LP.showError = function (e) {
    if (e instanceof LP.ApiError && e.code === 401) {
      showLogin('The token was not accepted.');
      return;
    }
    const s = $('status');
    s.textContent = String(e && e.message ? e.message : e);
    s.classList.add('error');
    document.body.dataset.state = 'error';
  };

  function showLogin(message) {
    LP.stopTimeline();
    LP.stopObject();
    $('timeline').hidden = true;
    $('object').hidden = true;
    $('login').hidden = false;
    $('signout').hidden = true;
    $('login-error').hidden = !message;
    $('login-error').textContent = message || '';
    document.body.dataset.view = 'login';
    document.body.dataset.state = 'ready';
    LP.setStatus('signed out');
    $('login-token').focus();
  }

  async function route() {
    if (!LP.token()) {
      showLogin();
      return;
    }
    $('login').hidden = true;
    $('signout').hidden = false;
    const object = new URLSearchParams(location.search).get('view') === 'object';
    document.body.dataset.view = object ? 'object' : 'timeline';
    document.body.dataset.state = 'loading';
    $('timeline').hidden = object;
    $('object').hidden = !object;
    try {
      if (object) {
        LP.stopTimeline();
        await LP.showObject();
      } else {
        LP.stopObject();
        lastTimeline = location.search;
        await LP.showTimeline();
      }
    } catch (e) {
      LP.showError(e);
    }
  }

  /** Goes to another view of the page (a query string) without a reload. */
  LP.navigate = function (search) {
    history.pushState(null, '', search === './' ? location.pathname : search);
    route();
  };

  document.addEventListener('DOMContentLoaded', () => {
    LP.adoptFragmentToken();
    LP.initTimeline();
    LP.initObject();
    $('login-form').addEventListener('submit', (ev) => {
      ev.preventDefault();
      const token = $('login-token').value.trim();
      if (!token) return;
      LP.setToken(token);
      $('login-token').value = '';
      route();
    });
    $('signout').addEventListener('click', () => {
      LP.clearToken();
      showLogin();
    });
    $('back').addEventListener('click', (ev) => {
      ev.preventDefault();
      LP.navigate(lastTimeline || './');
    });
    window.addEventListener('popstate', route);
    window.LP_LOADED_AT = Date.now();
    route();
  });
})(window.LP);
