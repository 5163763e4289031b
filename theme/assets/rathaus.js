/* Digitales Rathaus: keyboard and screen reader access to Material's header controls.
 * Material opens the navigation drawer with a <label for="__drawer"> element that toggles a hidden checkbox. A label cannot take keyboard focus and may not carry a button role, so on small screens the
 * menu was out of reach without a mouse. Each such label is replaced here by a real, named <button> with its
 * state (aria-expanded); without JavaScript the labels stay and work with a mouse or finger. */
(function () {
  "use strict";
  var names = { __drawer: "Navigation" };

  function setOpen(toggle, open) {
    if (toggle.checked === open) return;
    toggle.checked = open;
    toggle.dispatchEvent(new Event("change"));
  }

  document.querySelectorAll("label.md-header__button[for]").forEach(function (label) {
    var toggle = document.getElementById(label.htmlFor);
    if (!toggle || !names[toggle.id]) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = label.className;
    button.dataset.rhToggle = toggle.id;
    button.setAttribute("aria-label", names[toggle.id]);
    while (label.firstChild) button.appendChild(label.firstChild);  // the icon
    label.replaceWith(button);

    var sync = function () { button.setAttribute("aria-expanded", String(toggle.checked)); };
    sync();
    toggle.addEventListener("change", sync);
    button.addEventListener("click", function () { setOpen(toggle, !toggle.checked); });
  });

  /* Escape closes the open drawer and gives focus back to its button. */
  document.addEventListener("keydown", function (event) {
    var drawer = document.getElementById("__drawer");
    if (event.key !== "Escape" || !drawer || !drawer.checked) return;
    setOpen(drawer, false);
    var button = document.querySelector("[data-rh-toggle='__drawer']");
    if (button) button.focus();
  });

  /* The toggle carries no autocomplete="off" (invalid on checkboxes), so a page restored from the back/forward
   * cache could come back with the drawer open: close it. */
  window.addEventListener("pageshow", function (event) {
    var drawer = document.getElementById("__drawer");
    if (event.persisted && drawer) setOpen(drawer, false);
  });
})();

/* "Auf einen Blick" on service pages: today's hours of the responsible office instead of the week's, the phone's
 * share sheet and printing. The page holds the hours per weekday and the days that differ (public holidays of the
 * Land, the office's own closing days), prepared at build time; the day is the day in Germany. Without
 * JavaScript the week's hours stay and the buttons stay hidden. */
(function () {
  "use strict";
  var parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: "Europe/Berlin", year: "numeric", month: "2-digit", day: "2-digit", weekday: "short"
  }).formatToParts(new Date());
  var part = function (type) { return parts.filter(function (p) { return p.type === type; })[0].value; };
  var date = part("year") + "-" + part("month") + "-" + part("day");
  var weekday = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"].indexOf(part("weekday"));

  document.querySelectorAll("[data-rh-today]").forEach(function (element) {
    var data = JSON.parse(element.getAttribute("data-rh-today"));
    var special = data.dates[date];
    var hours = special ? special.hours : data.days[String(weekday)];
    var text = hours ? "heute geöffnet " + hours : "heute geschlossen";
    if (special && special.note) text += " (" + special.note + ")";
    element.textContent = text;
    element.classList.add(hours ? "rh-today--open" : "rh-today--closed");
  });

  var title = document.querySelector("h1");
  document.querySelectorAll("[data-rh-share]").forEach(function (button) {
    if (!navigator.share) return;
    button.parentElement.hidden = false;
    button.addEventListener("click", function () {
      navigator.share({ title: title ? title.textContent : document.title, url: location.href }).catch(function () {});
    });
  });
  document.querySelectorAll("[data-rh-print]").forEach(function (button) {
    button.parentElement.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
