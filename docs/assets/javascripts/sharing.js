// Share links on the overview, the App's part: making a link of the current
// assessment, and offering to load one that the page was opened with. The
// overview (overview.js) fetches this module, and share.js that packs the
// links, only when a link is made or the page is opened with one; its share
// controls (shareBox) are its own.
//
//   makeShare()  a Promise of {link, length, verdict}: verdict "ok", "long"
//                (past ~2,000 characters: some apps shorten links) or
//                "too_long" (past 8,000: send the file instead)
import { contents, decode, encode, linkLength } from "./share.js";
import { h } from "./ui.js";

const base = () => `${location.href.split("#")[0]}#share=`;

export const shareMethods = {
  async makeShare() {
    const link = base() + await encode(this.fw, this.assessment, this.store.get().name);
    return { link, length: link.length, verdict: linkLength(link.length) };
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
      case "unsupported": return t("share_error_unsupported");
      case "invalid": return t("share_error_invalid", error.params);
      default: return t("share_error_damaged"); // "damaged", and a link that is not even valid URL encoding
    }
  },

  // What a shared assessment holds, one line each, in plain words.
  shareContents(assessment) {
    const t = this.t;
    const n = contents(this.fw, assessment);
    const lines = [n.ratings ? t("share_holds_ratings", { n: n.ratings, total: n.items }) : t("share_holds_no_ratings", { total: n.items })];
    if (n.evidence) lines.push(n.evidence === 1 ? t("share_holds_evidence_one") : t("share_holds_evidence", { n: n.evidence }));
    if (n.will) lines.push(n.will === 1 ? t("share_holds_will_one") : t("share_holds_will", { n: n.will }));
    if (n.notes) lines.push(n.notes === 1 ? t("share_holds_notes_one") : t("share_holds_notes", { n: n.notes }));
    if (n.modules) lines.push(n.modules === 1 ? t("share_holds_modules_one") : t("share_holds_modules", { n: n.modules }));
    if (n.profile) {
      const profile = (this.fw.profiles || []).find((p) => p.id === n.profile);
      lines.push(t("share_holds_profile", { profile: profile ? profile.title : n.profile }));
    }
    if (n.workspace) {
      const pieces = n.pieces === 1 ? t("share_holds_pieces_one") : t("share_holds_pieces", { n: n.pieces });
      lines.push(n.workspace === 1 ? t("share_holds_workspace_one", { pieces }) : t("share_holds_workspace", { n: n.workspace, pieces }));
    }
    if (n.chosen) lines.push(n.chosen === 1 ? t("share_holds_chosen_one") : t("share_holds_chosen", { n: n.chosen }));
    return lines;
  },

  // A page opened with #share=…: read the link (the fragment leaves the
  // address bar at once), then say what it holds and offer to load it. A
  // Promise (decoding may decompress); nothing stored changes until Load.
  async receiveShare() {
    if (!location.hash.startsWith("#share=")) return;
    const t = this.t;
    const text = location.hash.slice("#share=".length);
    history.replaceState(null, "", location.href.split("#")[0]);
    let shared;
    try {
      shared = await decode(this.fw, text, this.strings);
    } catch (error) {
      this.notify(t("share_bad", { reason: this.shareError(error) }), "error");
      return;
    }
    if (!this.root.isConnected) return; // the page was left meanwhile
    const offer = h("div", { class: "kam-notice kam-notice--offer", role: "group", "aria-label": t("shared_assessment") },
      h("p", { text: shared.name ? t("share_holds_named", { name: shared.name }) : t("share_holds_unnamed") }),
      h("ul", { class: "kam-share-contents" }, this.shareContents(shared.assessment).map((line) => h("li", { text: line }))),
      shared.unchecked ? h("p", { class: "kam-share-unchecked", text: t("share_first_form", { name: shared.name }) }) : null,
      h("p", { text: t("share_load_question") }));
    const load = h("button", { type: "button", class: "md-button md-button--primary", text: t("load_share"), "data-action": "load-share" });
    const skip = h("button", { type: "button", class: "md-button", text: t("ignore"), "data-action": "ignore-share" });
    load.addEventListener("click", () => {
      const name = this.store.uniqueName(shared.name ? t("shared_name", { name: shared.name }) : t("shared_assessment"));
      this.store.add(name, shared.assessment);
      offer.remove();
      this.notify(t("share_loaded", { name }));
      const manager = this.root.querySelector(".kam-manager");
      if (manager) manager.replaceWith(this.manager());
      this.renderOverview();
    });
    skip.addEventListener("click", () => offer.remove());
    offer.append(load, " ", skip);
    this.notices.append(offer);
    load.focus();
  },
};
