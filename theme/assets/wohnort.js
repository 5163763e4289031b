/* Digitales Rathaus: "Für welchen Wohnort?" on a service page of a Verbund.
 * Without JavaScript the page lists every municipality as a link to its version of the service. With it, a field
 * takes a place name or a postcode and goes straight to that version; the links stay as they are. The names and
 * postcodes come from the links themselves (data-place, data-plz), so no request is made. */
(function () {
  "use strict";

  function fold(text) {
    return text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/ß/g, "ss").trim();
  }

  /** The link of the municipality a visitor means: a postcode, the exact name, or the one name it begins. */
  function find(links, text) {
    var wanted = fold(text);
    if (!wanted) return null;
    if (/^\d{5}$/.test(wanted)) {
      return links.find(function (a) { return a.dataset.plz.split(" ").indexOf(wanted) >= 0; }) || null;
    }
    var exact = links.find(function (a) { return fold(a.dataset.place) === wanted; });
    if (exact) return exact;
    var starts = links.filter(function (a) { return fold(a.dataset.place).indexOf(wanted) === 0; });
    return starts.length === 1 ? starts[0] : null;
  }

  document.querySelectorAll(".rh-place-form").forEach(function (form) {
    var section = form.closest(".rh-places");
    var links = Array.from(section.querySelectorAll(".rh-place-list a[data-place]"));
    var input = form.querySelector("input");
    var status = form.querySelector("[role=status]");
    form.hidden = false;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var link = find(links, input.value);
      if (link) {
        window.location.href = link.href;
        return;
      }
      status.textContent = "Für „" + input.value.trim() + "“ gibt es hier keinen Wohnort. " +
        "Bitte geben Sie den Namen oder die Postleitzahl ein oder wählen Sie ihn aus der Liste.";
      input.setAttribute("aria-invalid", "true");
    });
    input.addEventListener("input", function () {
      input.removeAttribute("aria-invalid");
      status.textContent = "";
    });
  });
})();
