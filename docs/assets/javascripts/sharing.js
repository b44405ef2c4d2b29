// Share links on the overview, the App's part (assessment.js mixes these
// methods into it): making a link of the current assessment, and offering to
// load one that the page was opened with. The packing itself is share.js.
import { decode, encode } from "./share.js";
import { h } from "./ui.js";

export const shareMethods = {
  // The link of the current assessment: this page's address with the assessment in its fragment.
  shareLink() {
    return `${location.href.split("#")[0]}#share=${encode(this.fw, this.assessment, this.store.get().name)}`;
  },

  // Why a share link cannot be loaded, from the code share.js's decode() gives its error.
  shareError(error) {
    const t = this.t;
    switch (error.code) {
      case "framework": return t("share_error_framework", error.params);
      case "version": return t("share_error_version");
      case "rating": return t("share_error_rating");
      case "evidence": return t("share_error_evidence");
      case "will": return t("share_error_will");
      default: return t("share_error_damaged"); // "damaged", and a link that is not even valid URL encoding
    }
  },

  receiveShare() {
    if (!location.hash.startsWith("#share=")) return;
    const t = this.t;
    const text = location.hash.slice("#share=".length);
    history.replaceState(null, "", location.href.split("#")[0]);
    let shared;
    try {
      shared = decode(this.fw, text);
    } catch (error) {
      this.notify(t("share_bad", { reason: this.shareError(error) }), "error");
      return;
    }
    const rated = Object.keys(shared.assessment.ratings).length;
    const offer = h("div", { class: "kam-notice kam-notice--offer", role: "group", "aria-label": t("shared_assessment") },
      h("p", { text: shared.name ? t("share_offer", { name: shared.name, n: rated }) : t("share_offer_unnamed", { n: rated }) }));
    const load = h("button", { type: "button", class: "md-button md-button--primary", text: t("load_share"), "data-action": "load-share" });
    const skip = h("button", { type: "button", class: "md-button", text: t("ignore"), "data-action": "ignore-share" });
    load.addEventListener("click", () => {
      const name = this.store.uniqueName(shared.name ? t("shared_name", { name: shared.name }) : t("shared_assessment"));
      this.store.add(name, shared.assessment);
      offer.remove();
      this.notify(t("share_loaded", { name }));
      const manager = this.root.querySelector(".kam-manager");
      manager.replaceWith(this.manager());
      this.renderOverview();
    });
    skip.addEventListener("click", () => offer.remove());
    offer.append(load, " ", skip);
    this.notices.append(offer);
    load.focus();
  },
};
