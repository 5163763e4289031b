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
