// Accessibility repairs to the theme's own markup, so that axe-core finds
// nothing: names for the search dialog and the progress bar, the progress bar
// inside the header landmark, and distinct names for repeated navigation
// landmarks. Safe to run on every page swap of instant navigation.
document$.subscribe(function () {
  // Names in the site's language: the search box's own (translated by the
  // theme) and page_loading of the framework's strings (overrides/main.html).
  var search = document.querySelector(".md-search[role=dialog]");
  var input = document.querySelector(".md-search__input");
  if (search && input) search.setAttribute("aria-label", input.getAttribute("aria-label") || input.placeholder);

  var progress = document.querySelector(".md-progress");
  var header = document.querySelector("header.md-header");
  var loading = document.querySelector("meta[name=kam-loading]");
  if (progress) {
    progress.setAttribute("aria-label", loading ? loading.content : "");
    if (header && progress.parentElement !== header) header.appendChild(progress);
  }

  // The theme repeats some navigation landmarks (the table of contents in the
  // mobile drawer and in the sidebar); give each repeat its own name.
  var seen = {};
  document.querySelectorAll("nav[aria-label], nav[aria-labelledby]").forEach(function (nav) {
    var label = nav.getAttribute("aria-label");
    if (!label) {
      var by = document.getElementById(nav.getAttribute("aria-labelledby"));
      label = by ? by.textContent.trim() : "";
    }
    if (seen[label]) {
      seen[label] += 1;
      nav.setAttribute("aria-label", label + " (" + seen[label] + ")");
      nav.removeAttribute("aria-labelledby");
    } else {
      seen[label] = 1;
    }
  });
});
