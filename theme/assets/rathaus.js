/* Digitales Rathaus: keyboard and screen reader access to Material's header controls.
 * Material opens the navigation drawer and the search with <label for="__drawer|__search"> elements that toggle
 * hidden checkboxes. A label cannot take keyboard focus and may not carry a button role, so on small screens the
 * menu was out of reach without a mouse. Each such label is replaced here by a real, named <button> with its
 * state (aria-expanded); without JavaScript the labels stay and work with a mouse or finger. */
(function () {
  "use strict";
  var names = { __drawer: "Navigation", __search: "Suche" };

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
    button.addEventListener("click", function () {
      setOpen(toggle, !toggle.checked);
      /* An opened search takes the keyboard focus at once, as a click into the field does on a desktop. */
      var field = document.querySelector("[data-md-component='search-query']");
      if (toggle.id === "__search" && toggle.checked && field) field.focus();
    });
  });

  /* Material's search is a dialog without a name. */
  var dialog = document.querySelector(".md-search[role='dialog']");
  if (dialog && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", names.__search);

  /* Escape closes the open drawer and gives focus back to its button. */
  document.addEventListener("keydown", function (event) {
    var drawer = document.getElementById("__drawer");
    if (event.key !== "Escape" || !drawer || !drawer.checked) return;
    setOpen(drawer, false);
    var button = document.querySelector("[data-rh-toggle='__drawer']");
    if (button) button.focus();
  });

  /* The toggles carry no autocomplete="off" (invalid on checkboxes), so a page restored from the back/forward
   * cache could come back with the drawer or search open: close them. */
  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) return;
    ["__drawer", "__search"].forEach(function (id) {
      var toggle = document.getElementById(id);
      if (toggle) setOpen(toggle, false);
    });
  });
})();
