// Loaded on every page: fetches the self-assessment code only on the pages
// that have an assessment (#kam-app), so the handbook's pages stay light.
// Runs again on every page swap of Material's instant navigation.
//
// Framed by another site (clickjacking: a page of theirs over this one, to
// make people click or type here unseen), the assessment does not start: it
// says so and links to itself. A <meta> policy cannot forbid framing.
const framedElsewhere = () => {
  if (window.top === window.self) return false;
  try {
    return window.top.location.origin !== window.location.origin;
  } catch (error) {
    return true; // another origin's window: its location cannot be read
  }
};

document$.subscribe(() => {
  const root = document.getElementById("kam-app");
  if (!root) return;
  if (framedElsewhere()) {
    const data = document.getElementById("kam-data");
    const text = data ? JSON.parse(data.dataset.json).strings["framed"] : "";
    const link = Object.assign(document.createElement("a"), { href: location.href, target: "_top", textContent: text });
    const p = document.createElement("p");
    p.className = "kam-notice kam-notice--warning";
    p.append(link);
    root.replaceChildren(p);
    return;
  }
  import("./assessment.js").then((m) => m.start());
});
