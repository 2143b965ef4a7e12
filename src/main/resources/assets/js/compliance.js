// Compliance page (/compliance): GET /api/compliance (docs/DOMAIN.md §6.4, §6.3.10): the classification score and
// grade over the inventory, how the assets split, per registered subnet, and what to do next.
"use strict";
(() => {
  const { el, api } = bigr;
  const SHOWN = 500; // action items drawn at once (an unclassified /16 has thousands)
  const ORDER = ["ag_ve_sistemler", "uygulamalar", "iot", "tasinabilir", "unclassified"];

  function figure(label, value, cls, hint) {
    return el("div", { class: "card static " + (cls || ""), title: hint || null, dataset: { figure: label } },
      el("div", { class: "n" }, value), el("div", {}, label));
  }

  const reload = bigr.page(async () => {
    const [r] = await Promise.all([api("/api/compliance"), bigrPages.dataAge()]);
    const out = bigr.$("content");
    const b = r.breakdown;
    if (!b.total_assets) {
      out.replaceChildren(bigrPages.empty("No assets yet, so nothing to grade: scan a network, then refresh.",
        "bigr scan 192.168.1.0/24"));
      return;
    }
    const parts = ORDER.map(k => ({ key: k, label: bigr.categoryLabel(k) + " " + r.distribution.counts[k]
      + " (" + r.distribution.percentages[k] + "%)", value: r.distribution.counts[k] || 0,
      color: bigrCharts.CATEGORY_COLORS[k] }));
    const items = r.action_items;
    out.replaceChildren(
      el("section", { class: "panels" },
        el("div", { class: "panel" },
          el("h2", {}, "Score"),
          el("div", { class: "figure" },
            el("span", { id: "score", class: "score" }, r.compliance_score.toFixed(1)),
            el("span", { id: "grade", class: "grade g-" + r.grade }, r.grade)),
          el("p", { class: "meta" }, "Fully classified and manually tagged assets count in full, partially classified "
            + "ones half (confidence ≥ 0.7 is full, ≥ 0.3 partial). A ≥ 90, B ≥ 80, C ≥ 70, D ≥ 60.")),
        el("div", { class: "panel" },
          el("h2", {}, "Category distribution"),
          bigrCharts.stackedBar(parts, { label: "Category distribution" }),
          bigrCharts.legend(parts.map(p => ({ label: p.label, color: p.color }))))),
      el("h2", {}, "Breakdown"),
      el("section", { id: "breakdown", class: "cards" },
        figure("Assets", bigr.number(b.total_assets), "all"),
        figure("Fully classified", bigr.number(b.fully_classified), "tasinabilir", "confidence ≥ 0.7"),
        figure("Partially classified", bigr.number(b.partially_classified), "iot", "confidence ≥ 0.3"),
        figure("Unclassified", bigr.number(b.unclassified), "unclassified", "confidence < 0.3"),
        figure("Manual tags", bigr.number(b.manual_overrides), "ag_ve_sistemler")),
      el("h2", {}, "Subnets"),
      r.subnet_compliance.length
        ? el("div", { id: "subnets" }, bigr.table([
            { key: "cidr", label: "Subnet", render: s => el("a", { href: "/topology?subnet=" + encodeURIComponent(s.cidr) }, s.cidr) },
            { key: "label", label: "Label" },
            { key: "score", label: "Score", class: "num", render: s => s.score.toFixed(1) },
            { key: "grade", label: "Grade", render: s => el("span", { class: "badge grade-badge g-" + s.grade }, s.grade) }
          ], r.subnet_compliance))
        : bigrPages.empty("No subnets registered, so there is no per-subnet score: add one on the Subnets page or run",
            "bigr subnets add 192.168.1.0/24 --label Office"),
      el("h2", {}, "Action items (" + bigr.number(items.length) + ")"),
      items.length
        ? el("div", { id: "actions" }, bigr.table([
            { key: "priority", label: "Priority", render: a => el("span", { class: "badge sev-" + (a.priority === "normal" ? "medium" : a.priority) }, a.priority) },
            { key: "type", label: "Action", render: a => a.type === "classify" ? "Classify" : "Review" },
            { key: "ip", label: "Asset", render: a => a.ip && a.ip !== "unknown" ? bigr.assetLink(a.ip) : "unknown" },
            { key: "reason", label: "Why" }
          ], items.slice(0, SHOWN)), items.length > SHOWN
            ? el("p", { class: "meta" }, "The first " + SHOWN + " are shown; the inventory page filters the rest by category.")
            : null)
        : el("p", { id: "actions", class: "ok-note" }, "Nothing to do: every asset is classified with confidence ≥ 0.7 or tagged."));
  });
  bigr.$("refresh").addEventListener("click", reload);
})();
