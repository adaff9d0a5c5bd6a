// Django's admin, made a little more accessible: what static/css/admin.css cannot
// mend, because the admin's own scripts write it (Django 5.2).
(function () {
  "use strict";

  // The filter boxes of a two-list choice (filter_horizontal) have a label that holds
  // only an icon with an aria-label, which a plain <span> may not have
  // (axe-core: aria-prohibited-attr). As an image, the icon names the box.
  function nameFilterIcons(root) {
    root.querySelectorAll(".search-label-icon[aria-label]").forEach(function (icon) {
      icon.setAttribute("role", "img");
    });
  }

  // An autocomplete choice (select2) is named by the selected option alone, so an empty
  // one has no name (axe-core: aria-input-field-name). It is named by its field's label
  // (in a tabular inline's row: the name the field has, toolbox_site/admin.py) and then
  // the choice, as the original <select> was.
  function nameOf(select) {
    const label = document.querySelector('label[for="' + select.id + '"]');
    if (label) {
      label.id = label.id || select.id + "-label";
      return label;
    }
    const made = document.getElementById(select.id + "-name");
    if (made || !select.getAttribute("aria-label")) {
      return made;
    }
    const name = document.createElement("span");
    name.id = select.id + "-name";
    name.hidden = true;
    name.textContent = select.getAttribute("aria-label");
    select.after(name);
    return name;
  }

  function nameAutocompletes(root) {
    root.querySelectorAll("select.admin-autocomplete[id]").forEach(function (select) {
      const box = select.parentElement.querySelector(
        ".select2-selection[role=combobox][aria-labelledby]"
      );
      if (!box || select.id.indexOf("__prefix__") !== -1) {
        return;
      }
      // What select2 shows of the choice is a plain text, not a field of its own: as a
      // "textbox" it wanted a name of its own too.
      box.querySelectorAll(".select2-selection__rendered[role=textbox]").forEach(function (text) {
        text.removeAttribute("role");
        text.removeAttribute("aria-readonly");
      });
      const name = nameOf(select);
      if (!name) {
        return;
      }
      const shown = box.getAttribute("aria-labelledby").split(" ").filter(function (id) {
        return id !== name.id;
      });
      box.setAttribute("aria-labelledby", [name.id].concat(shown).join(" "));
    });
  }

  // After the admin's own scripts, which build these widgets: the two-list choices when
  // the page has loaded, the autocompletes when jQuery finds the document ready (its
  // callbacks run in turn, this one after autocomplete.js's), new inline rows at once.
  window.addEventListener("load", function () {
    nameFilterIcons(document);
  });
  if (window.django && window.django.jQuery) {
    window.django.jQuery(function () {
      nameAutocompletes(document);
    });
  }
  document.addEventListener("formset:added", function (event) {
    nameFilterIcons(event.target);
    nameAutocompletes(event.target);
  });
})();
