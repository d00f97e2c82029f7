// "Copy" buttons for the citations on an event page. Each button names the id of the
// element whose text it copies; it stays hidden where the clipboard cannot be written
// (an insecure origin, an old browser), and the text can still be selected by hand.
(function () {
  "use strict";

  if (!navigator.clipboard || !window.isSecureContext) {
    return;
  }

  function say(button, text) {
    var status = button.closest(".cite").querySelector(".copy-status");
    if (status) {
      status.textContent = text;
    }
  }

  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var source = document.getElementById(button.dataset.copy);
      navigator.clipboard.writeText(source.textContent).then(
        function () { say(button, "Copied to the clipboard."); },
        function () { say(button, "The browser did not allow copying: select the text and copy it instead."); }
      );
    });
  });
})();
