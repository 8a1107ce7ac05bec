// Live updates (docs/running.md, "Live updates"): follow a server-sent-events stream and turn
// each event into a DOM event. No inline script anywhere (Content-Security-Policy).
//
//   <section data-live-url="/meetings/…/live/" data-live-last-id="41" data-live-kinds="floor queue">
//     {% include "live/status.html" %}
//   </section>
//
// Each event of a kind named in data-live-kinds is dispatched on the section (bubbling, so
// htmx can listen with hx-trigger="live:floor from:body") as CustomEvent("live:<kind>") and as
// CustomEvent("live:event"), with detail {id, kind, data}. data-live-last-id follows the last
// event received: the first connection resumes after the id the page was rendered with, and a
// reconnection after the last one seen, so nothing in between is lost.
(function () {
  "use strict";

  var RETRY_FIRST_MS = 1000;
  var RETRY_MOST_MS = 30000;

  function showState(root, state) {
    root.setAttribute("data-live-state", state);
    root.querySelectorAll("[data-live-status]").forEach(function (badge) {
      var text = badge.getAttribute("data-live-text-" + state);
      if (text) {
        badge.textContent = text;
      }
      badge.classList.remove("text-bg-secondary", "text-bg-success", "text-bg-warning", "text-bg-danger");
      badge.classList.add({
        connecting: "text-bg-secondary",
        live: "text-bg-success",
        reconnecting: "text-bg-warning",
        offline: "text-bg-danger"
      }[state]);
    });
  }

  function streamUrl(root) {
    var url = new URL(root.getAttribute("data-live-url"), window.location.href);
    var last = root.getAttribute("data-live-last-id");
    if (last) {
      url.searchParams.set("last_event_id", last);
    }
    return url.toString();
  }

  function follow(root) {
    var kinds = (root.getAttribute("data-live-kinds") || "").split(/\s+/).filter(Boolean);
    var retryMs = RETRY_FIRST_MS;
    var source = null;
    var timer = null;

    function deliver(message) {
      var id = parseInt(message.lastEventId, 10);
      var last = parseInt(root.getAttribute("data-live-last-id") || "0", 10);
      if (id && id <= last) {
        return;  // already shown: a replay overlapping what this page had
      }
      if (id) {
        root.setAttribute("data-live-last-id", String(id));
      }
      var data = null;
      try {
        data = JSON.parse(message.data);
      } catch (error) {
        data = message.data;
      }
      var detail = { id: id, kind: message.type, data: data };
      root.dispatchEvent(new CustomEvent("live:" + message.type, { detail: detail, bubbles: true }));
      root.dispatchEvent(new CustomEvent("live:event", { detail: detail, bubbles: true }));
    }

    function connect() {
      showState(root, source === null ? "connecting" : "reconnecting");
      source = new EventSource(streamUrl(root));
      source.onopen = function () {
        retryMs = RETRY_FIRST_MS;
        showState(root, "live");
      };
      kinds.forEach(function (kind) {
        source.addEventListener(kind, deliver);
      });
      // Events this page missed were pruned (docs/running.md, "Live updates"): what it shows
      // can no longer be brought up to date event by event, so it loads the current state.
      source.addEventListener("reset", function () {
        source.close();
        window.location.reload();
      });
      source.onerror = function () {
        if (source.readyState === EventSource.CONNECTING) {
          // The browser reconnects by itself, sending Last-Event-ID.
          showState(root, "reconnecting");
          return;
        }
        // Closed for good (an error status, the server gone): try again later, ourselves.
        source.close();
        showState(root, navigator.onLine === false ? "offline" : "reconnecting");
        timer = window.setTimeout(connect, retryMs);
        retryMs = Math.min(retryMs * 2, RETRY_MOST_MS);
      };
    }

    window.addEventListener("online", function () {
      if (source && source.readyState === EventSource.CLOSED) {
        window.clearTimeout(timer);
        connect();
      }
    });
    window.addEventListener("offline", function () {
      showState(root, "offline");
    });
    connect();
  }

  function start() {
    document.querySelectorAll("[data-live-url]").forEach(function (root) {
      if (!root.hasAttribute("data-live-state")) {
        follow(root);
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
