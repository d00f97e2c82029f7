// When an htmx request fails (a server error, or no connection) htmx leaves the
// page as it was, which looks as if nothing happened: say so instead.
(function () {
  "use strict";

  function show(text) {
    var box = document.getElementById("request-error");
    if (box) {
      box.textContent = text;
      box.hidden = false;
    }
  }

  document.addEventListener("htmx:responseError", function (event) {
    show("The server could not answer (error " + event.detail.xhr.status + "). Please try again in a moment.");
  });
  document.addEventListener("htmx:sendError", function () {
    show("The server could not be reached. Check the connection and try again.");
  });

  // History: typing in the live search changes the address as it goes, but only the
  // first change of a search adds a history entry; the rest replace it, so Back returns
  // to the filters before the search rather than stepping through partial words. The
  // search settles when the field is left or the form submitted; the next typing adds
  // one entry again. An address already shown (Enter after typing) never adds another.
  var typedEntry = false;

  function fromTyping(detail) {
    var trigger = detail.requestConfig && detail.requestConfig.triggeringEvent;
    return Boolean(trigger && trigger.type === "input" && trigger.target.classList.contains("live-search"));
  }

  document.addEventListener("htmx:beforeHistoryUpdate", function (event) {
    var history = event.detail.history;
    var typing = fromTyping(event.detail);
    if (history.type !== "push") {
      return;
    }
    if (history.path === window.location.pathname + window.location.search) {
      history.type = "replace";
    } else if (typing && typedEntry) {
      history.type = "replace";
    } else {
      typedEntry = typing;
    }
    if (!typing) {
      typedEntry = false;
    }
  });
  document.addEventListener("change", function (event) {
    if (event.target.classList && event.target.classList.contains("live-search")) {
      typedEntry = false;
    }
  });
  window.addEventListener("popstate", function () {
    typedEntry = false;
  });

  // htmx swaps only the body: the feed link in <head> is made to follow the filters the
  // results now show (and taken away while they cannot be used).
  document.addEventListener("htmx:afterSettle", function () {
    var shown = document.querySelector("#results a[type='application/atom+xml']");
    var link = document.querySelector("link[rel='alternate'][type='application/atom+xml']");
    if (!shown) {
      if (link) {
        link.remove();
      }
      return;
    }
    if (!link) {
      link = document.createElement("link");
      link.rel = "alternate";
      link.type = "application/atom+xml";
      document.head.appendChild(link);
    }
    link.href = shown.getAttribute("href");
    link.title = "New events: " + document.title;
  });

  document.addEventListener("htmx:beforeRequest", function () {
    var box = document.getElementById("request-error");
    if (box) {
      box.hidden = true;
    }
  });
})();
