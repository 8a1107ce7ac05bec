// The speaker's timer: counts down from the slot the modality gives (or up, without a slot),
// against the server's clock (data-now) so a slow client clock does not change it.
(function () {
  "use strict";

  function pad(n) { return n < 10 ? "0" + n : String(n); }

  function clock(seconds) {
    var sign = seconds < 0 ? "-" : "";
    var whole = Math.abs(Math.trunc(seconds));
    return sign + Math.floor(whole / 60) + ":" + pad(whole % 60);
  }

  function tick() {
    var timers = document.querySelectorAll("[data-timer]");
    for (var i = 0; i < timers.length; i++) {
      var el = timers[i];
      if (!el.dataset.offset) {
        el.dataset.offset = String(Date.now() - Date.parse(el.dataset.now));
      }
      var now = Date.now() - Number(el.dataset.offset);
      var spent = (now - Date.parse(el.dataset.started)) / 1000;
      if (el.dataset.slot) {
        var left = Number(el.dataset.slot) - spent;
        el.textContent = clock(left);
        el.classList.toggle("over-time", left < 0);
        if (left < 0 && el.dataset.over) { el.title = el.dataset.over; }
      } else {
        el.textContent = clock(spent);
      }
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    tick();
    window.setInterval(tick, 250);
  });
  document.addEventListener("htmx:afterSwap", tick);
})();
