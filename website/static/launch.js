// The "Open on your JupyterHub" link of a notebook page: the hub's address typed into the
// field, followed by the nbgitpuller path that website/links.py wrote into data-git-pull.
// The address is remembered (in this browser only) for the other pages.
(function () {
  "use strict";
  var KEY = "how-models-learn:hub-address";

  function hubAddress(text) {
    var address = text.trim().replace(/\/+$/, "");
    if (address && !/^https?:\/\//i.test(address)) address = "https://" + address;
    try {
      return address ? new URL(address).href.replace(/\/+$/, "") : "";
    } catch (error) {
      return "";
    }
  }

  function setUp(form) {
    var input = form.querySelector("input");
    var link = form.querySelector(".launch-hub-link");
    function update() {
      var hub = hubAddress(input.value);
      if (hub) {
        link.href = hub + "/" + form.dataset.gitPull;
        link.removeAttribute("aria-disabled");
      } else {
        link.removeAttribute("href");
        link.setAttribute("aria-disabled", "true");
      }
      try {
        window.localStorage.setItem(KEY, input.value.trim());
      } catch (error) { /* storage may be off: the field still works on this page */ }
    }
    try {
      input.value = window.localStorage.getItem(KEY) || "";
    } catch (error) { /* as above */ }
    input.addEventListener("input", update);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (link.href) window.location.href = link.href;
    });
    update();
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form.launch-hub").forEach(setUp);
  });
})();
