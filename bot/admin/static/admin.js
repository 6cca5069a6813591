// stockbot back office: the newest message of a thread in view, as on a phone.
(function () {
  function showNewest() {
    var threads = document.querySelectorAll("[data-newest]");
    if (threads.length) {
      var last = threads[threads.length - 1].lastElementChild;
      if (last) last.scrollIntoView({block: "end"});
    }
  }
  document.addEventListener("DOMContentLoaded", showNewest);
  document.addEventListener("htmx:afterSwap", function (event) {
    var config = event.detail.requestConfig;
    if (config && config.verb === "post") showNewest();
  });
})();
