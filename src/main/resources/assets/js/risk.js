// Risk page (/risk): GET /api/risk (docs/DOMAIN.md §6.6): every asset ranked by its risk score 0-10, with the five
// factors behind it, filterable by text, level and category.
"use strict";
(() => {
  const { el, api } = bigr;
  const LEVELS = ["info", "low", "medium", "high", "critical"];
  const FACTORS = [["cve_score", "CVE"], ["exposure_score", "Exposure"], ["classification_score", "Category"],
    ["age_score", "Age"], ["change_score", "Changes"]];
  const PAGE = 200; // rows drawn per "show more"
  let ranked = null;
  let shown = PAGE;

  function levelBadge(level) {
    return el("span", { class: "badge sev-" + (level === "info" ? "low" : level), dataset: { level } }, level);
  }

  function factorCell(p) {
    return el("span", { class: "factors" }, FACTORS.map(([k, label]) => el("span", {
      class: "factor", title: label + " " + p.factors[k].toFixed(2) }, el("span", { style: "width:" + Math.round(p.factors[k] * 100) + "%" }))));
  }

  const columns = [
    { key: "rank", label: "#", class: "num" },
    { key: "ip", label: "IP", render: p => bigr.assetLink(p.ip) },
    { key: "hostname", label: "Hostname" },
    { key: "vendor", label: "Vendor" },
    { key: "bigr_category", label: "Category", render: p => bigr.categoryBadge(p.bigr_category) },
    { key: "risk_score", label: "Risk", class: "num", render: p => p.risk_score.toFixed(2) },
    { key: "risk_level", label: "Level", render: p => levelBadge(p.risk_level) },
    { key: "factors", label: "CVE · Exposure · Category · Age · Changes", render: factorCell },
    { key: "top_cve", label: "Top CVE" }
  ];

  function filtered() {
    const q = bigr.$("q").value.trim().toLowerCase();
    const min = LEVELS.indexOf(bigr.$("level").value);
    const cat = bigr.$("category").value;
    return ranked.filter(p => (min < 0 || LEVELS.indexOf(p.risk_level) >= min)
      && (!cat || p.bigr_category === cat)
      && (!q || [p.ip, p.hostname, p.vendor, p.top_cve].some(v => v && v.toLowerCase().includes(q))));
  }

  function render() {
    if (!ranked) return;
    const rows = filtered();
    bigrPages.setQuery({ q: bigr.$("q").value.trim(), level: bigr.$("level").value, category: bigr.$("category").value });
    bigr.$("count").textContent = bigr.number(rows.length) + " of " + bigr.number(ranked.length) + " assets";
    const out = bigr.$("content");
    if (!ranked.length) {
      out.replaceChildren(bigrPages.empty("No assets yet, so nothing to rank: scan a network, then refresh.",
        "bigr scan 192.168.1.0/24"));
      return;
    }
    const more = rows.length > shown
      ? el("button", { type: "button", class: "more", onclick: () => { shown += PAGE; render(); } },
        "Show " + Math.min(PAGE, rows.length - shown) + " more")
      : null;
    bigrPages.put(out, el("div", { id: "ranking" }, bigr.table(columns, rows.slice(0, shown),
      "No asset matches these filters.")), more);
  }

  function card(label, value, cls) {
    return el("div", { class: "card static " + cls, dataset: { figure: label } }, el("div", { class: "n" }, value), el("div", {}, label));
  }

  const reload = bigr.page(async () => {
    const [r] = await Promise.all([api("/api/risk"), bigrPages.dataAge()]);
    // Ranked: highest score first; equal scores keep the report's order (stable sort).
    ranked = r.profiles.slice().sort((a, b) => b.risk_score - a.risk_score).map((p, i) => Object.assign(p, { rank: i + 1 }));
    bigr.$("summary").replaceChildren(
      card("Average risk", r.average_risk.toFixed(2), "all"), card("Highest", r.max_risk.toFixed(2), "all"),
      card("Critical", r.critical_count, "sev-critical"), card("High", r.high_count, "sev-high"),
      card("Medium", r.medium_count, "sev-medium"), card("Low", r.low_count, "sev-low"));
    shown = PAGE;
    render();
  });

  const q = bigrPages.query();
  bigr.$("category").append(...Object.entries(bigr.CATEGORY_LABELS).map(([v, l]) => el("option", { value: v }, l)));
  bigr.$("q").value = q.q || "";
  bigr.$("level").value = q.level || "";
  bigr.$("category").value = q.category || "";
  for (const id of ["q", "level", "category"]) {
    bigr.$(id).addEventListener(id === "q" ? "input" : "change", () => { shown = PAGE; render(); });
  }
  bigr.$("refresh").addEventListener("click", reload);
})();
