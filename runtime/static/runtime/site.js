/*
 * The site's behaviours, from a static file: the Content-Security-Policy runs
 * no inline script and no inline event handler (docs/deployment.md).
 * Each behaviour is declared in the page by a data attribute or a class, and
 * set up on the page and on every part htmx swaps in (htmx:load).
 */
(function () {
  "use strict";

  /* A refused answer: the learner is taken back to the first field. */
  function focusFirstFieldAfterError(root) {
    var error = root.querySelector("#answer-error");
    if (!error || !error.textContent.trim()) return;
    var field = document.querySelector(
      "#challenge-form input:not([type=hidden]),#challenge-form select"
    );
    if (field) field.focus();
  }

  /* A timed challenge: the seconds left, then "time is over". */
  function startCountdowns(root) {
    root.querySelectorAll("[data-countdown]").forEach(function (box) {
      if (box.dataset.countdownStarted) return;
      box.dataset.countdownStarted = "1";
      var left = parseInt(box.dataset.remaining, 10);
      var badge = box.querySelector(".challenge-countdown__badge");
      var seconds = box.querySelector(".challenge-countdown__seconds");
      var over = box.querySelector(".challenge-time-over");
      function show() {
        if (left <= 0) {
          if (badge) badge.hidden = true;
          over.hidden = false;
          return false;
        }
        seconds.textContent = left;
        return true;
      }
      if (!show()) return;
      var timer = setInterval(function () {
        left -= 1;
        if (!document.contains(box) || !show()) clearInterval(timer);
      }, 1000);
    });
  }

  /* A certification question: its clock, reloading the page at zero, and
     its buttons disabled once the answer is sent. */
  function startCertificationClocks(root) {
    root.querySelectorAll(".certification-clock").forEach(function (clock) {
      if (clock.dataset.clockStarted) return;
      clock.dataset.clockStarted = "1";
      var left = parseInt(clock.dataset.seconds, 10);
      function show() {
        var minutes = Math.floor(left / 60);
        var rest = left % 60;
        clock.textContent = clock.textContent.replace(
          /\d+( s|:\d\d)?$/,
          minutes + ":" + (rest < 10 ? "0" : "") + rest
        );
      }
      show();
      var timer = setInterval(function () {
        if (!document.contains(clock)) {
          clearInterval(timer);
        } else if (left > 0) {
          left -= 1;
          show();
        } else {
          clearInterval(timer);
          window.location.reload();
        }
      }, 1000);
    });
    root.querySelectorAll("form[data-disable-on-submit]").forEach(function (form) {
      if (form.dataset.disableStarted) return;
      form.dataset.disableStarted = "1";
      form.addEventListener("submit", function () {
        setTimeout(function () {
          form.querySelectorAll("button").forEach(function (button) {
            button.disabled = true;
          });
        }, 0);
      });
    });
  }

  /* The tutorials page: the chosen tab stays chosen after a filter, a save
     or a like (and in the address). */
  function rememberTabs(root) {
    root.querySelectorAll("[data-remember-tab] .fr-tabs__tab").forEach(function (tab) {
      if (tab.dataset.rememberStarted) return;
      tab.dataset.rememberStarted = "1";
      tab.addEventListener("click", function () {
        var name = tab.id.replace("tab-", "");
        var url = new URL(window.location.href);
        url.searchParams.set("onglet", name);
        history.replaceState(null, "", url);
        var filter = document.querySelector(".tutorials-filter input[name=onglet]");
        if (filter) filter.value = name;
        document.querySelectorAll(".tutorial input[name=next]").forEach(function (input) {
          input.value = url.pathname + url.search;
        });
      });
    });
  }

  function setUp(root) {
    focusFirstFieldAfterError(root);
    startCountdowns(root);
    startCertificationClocks(root);
    rememberTabs(root);
  }

  /* A watched challenge: leaving the page (another tab, another window) is
     recorded in the form's focus_lost field. */
  function markFocusLost(kind) {
    var field = document.getElementById("focus-lost");
    var watched = field && (field.dataset.focusWatch || "").split(" ");
    if (watched && watched.indexOf(kind) !== -1) field.value = "1";
  }
  document.addEventListener("visibilitychange", function () {
    if (document.hidden) markFocusLost("visibility");
  });
  window.addEventListener("blur", function () {
    markFocusLost("blur");
  });

  /* After an htmx swap, at once (htmx:load comes only once the swap settles):
     a refused answer's message and the focus arrive together. */
  document.addEventListener("htmx:afterSwap", function () {
    focusFirstFieldAfterError(document);
  });

  /* A select that filters a list submits its form when it changes. */
  document.addEventListener("change", function (event) {
    var field = event.target;
    if (field.matches && field.matches("[data-submit-on-change]") && field.form) {
      field.form.submit();
    }
  });

  /* htmx swaps nothing on a refusal: a page older than its CSRF token (a login
     in another tab, a new version of the site) is reloaded with a fresh one
     rather than stay silent. */
  document.addEventListener("htmx:responseError", function (event) {
    if (event.detail.xhr.status === 403) window.location.reload();
  });

  /* A polling element with data-pause-while="<selector>" skips its request
     while something inside it matches (a candidate's details left open). */
  document.addEventListener("htmx:beforeRequest", function (event) {
    var element = event.detail.elt;
    var selector = element && element.dataset && element.dataset.pauseWhile;
    if (selector && element.querySelector(selector)) event.preventDefault();
  });

  if (window.htmx) {
    /* On the document rather than htmx.onLoad's body: a swap that replaces
       the body (a paused certification test resuming) keeps it. */
    document.addEventListener("htmx:load", function (event) {
      setUp(event.detail.elt);
    });
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () {
      setUp(document);
    });
  } else {
    setUp(document);
  }
})();
