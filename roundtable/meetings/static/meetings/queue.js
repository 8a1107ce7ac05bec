// The live list of speakers. live.js follows the meeting's event stream and dispatches
// "live:event" on the section; the page then fetches the queue fragment again. While the stream
// is not live (a WSGI server answers what is stored and ends it; the browser reconnects seconds
// later) the page asks every half second instead. Either way it swaps only when the fragment's
// version changed, so a chair typing a reason keeps their text. The timer counts against the
// server's clock (data-now).
(function () {
  "use strict";

  var POLL_MS = 500;

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

  // The running speaker's group: its speaking time goes on growing until the floor changes.
  function tally() {
    var rows = document.querySelectorAll("[data-tally]");
    for (var i = 0; i < rows.length; i++) {
      var el = rows[i];
      if (!el.dataset.rendered) { el.dataset.rendered = String(Date.now()); }
      var since = (Date.now() - Number(el.dataset.rendered)) / 1000;
      el.textContent = clock(Number(el.dataset.base) + since);
    }
  }

  function busy(fragment) {
    var active = document.activeElement;
    return active && fragment.contains(active) && (active.tagName === "INPUT" || active.tagName === "SELECT");
  }

  function start(live) {
    var url = live.dataset.fragment;
    var loading = false;
    var again = false;

    function refresh() {
      if (loading) { again = true; return; }
      loading = true;
      fetch(url, { headers: { "HX-Request": "true" }, credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.text() : null; })
        .then(function (html) {
          var current = document.getElementById("queue-now");
          if (!html || !current || busy(current)) { return; }
          var holder = document.createElement("div");
          holder.innerHTML = html;
          var fresh = holder.querySelector("#queue-now");
          if (fresh && fresh.dataset.version !== current.dataset.version) {
            current.replaceWith(fresh);
            if (window.htmx) { window.htmx.process(fresh); }
            tick();
          }
        })
        .catch(function () { /* the next event or poll asks again */ })
        .finally(function () {
          loading = false;
          if (again) { again = false; refresh(); }
        });
    }

    live.addEventListener("live:event", refresh);
    window.setInterval(function () {
      if (live.getAttribute("data-live-state") !== "live") { refresh(); }
    }, POLL_MS);
    document.addEventListener("htmx:afterSwap", tick);
  }

  document.addEventListener("DOMContentLoaded", function () {
    var live = document.querySelector(".queue-live[data-fragment]");
    if (live) { start(live); }
    tick();
    window.setInterval(function () { tick(); tally(); }, 250);
  });
})();
