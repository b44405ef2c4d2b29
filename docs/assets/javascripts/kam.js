// Loaded on every page: fetches the self-assessment code only on the pages
// that have an assessment (#kam-app), so the handbook's pages stay light.
// Runs again on every page swap of Material's instant navigation.
document$.subscribe(() => {
  if (document.getElementById("kam-app")) import("./assessment.js").then((m) => m.start());
});
