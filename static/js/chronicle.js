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
  document.addEventListener("htmx:beforeRequest", function () {
    var box = document.getElementById("request-error");
    if (box) {
      box.hidden = true;
    }
  });
})();
