// Vulnerabilities page (/vulnerabilities): GET /api/vulnerabilities (docs/DOMAIN.md §6.7, §6.3.14): the assets with
// CVE matches, worst first, each match with how strong it is and the evidence that produced it.
"use strict";
(() => {
  const { el, api } = bigr;
  const SEVERITIES = ["none", "low", "medium", "high", "critical"];
  let report = null;

  function evidenceText(ev) {
    if (!ev) return "";
    if (ev.source === "vendor") return "vendor \"" + (ev.text || "") + "\"";
    const where = ev.source === "banner" ? "banner" + (ev.port ? " on port " + ev.port : "") : ev.source.replace(/_/g, " ");
    return where + ": " + (ev.product || "") + " " + (ev.version || "") + (ev.version_range ? " in " + ev.version_range : "")
      + (ev.text ? " (\"" + ev.text + "\")" : "");
  }

  function matchRows(s, min, type) {
    return s.matches.filter(m => SEVERITIES.indexOf(m.cve.severity) >= min && (!type || m.match_type === type));
  }

  function assetBlock(s, matches) {
    return el("details", { class: "panel vuln", dataset: { ip: s.ip }, open: matches.length <= 5 ? true : null },
      el("summary", {},
        bigr.assetLink(s.ip), " ", el("span", { class: "meta" }, matches[0] && matches[0].asset_vendor || ""), " · ",
        s.total_vulns + " CVE" + (s.total_vulns === 1 ? "" : "s") + " · max CVSS " + s.max_cvss.toFixed(1) + " ",
        s.critical_count ? bigrPages.severityBadge("critical") : null, s.critical_count ? " " + s.critical_count + " " : null,
        s.high_count ? bigrPages.severityBadge("high") : null, s.high_count ? " " + s.high_count : null),
      bigr.table([
        { key: "cve_id", label: "CVE", render: m => el("span", { class: "mono" }, m.cve.cve_id) },
        { key: "cvss", label: "CVSS", class: "num", render: m => m.cve.cvss_score.toFixed(1) },
        { key: "severity", label: "Severity", render: m => bigrPages.severityBadge(m.cve.severity) },
        { key: "product", label: "Affects", render: m => [m.cve.affected_vendor, m.cve.affected_product].filter(Boolean).join(" ") },
        { key: "match", label: "Match", render: m => el("span", { class: "badge " + (m.match_type === "version_confirmed" ? "sev-high" : "sev-low"),
          title: "confidence " + m.match_confidence }, m.match_type === "version_confirmed" ? "version confirmed" : "vendor only") },
        { key: "evidence", label: "Evidence", render: m => evidenceText(m.evidence) },
        { key: "flags", label: "", render: m => [m.cve.cisa_kev ? el("span", { class: "badge sev-critical", title: "In CISA's known exploited list" }, "KEV") : null,
          m.cve.fix_available ? el("span", { class: "badge status-online" }, "fix") : null] },
        { key: "description", label: "Description", render: m => m.cve.description }
      ], matches));
  }

  function render() {
    if (!report) return;
    const q = bigr.$("q").value.trim().toLowerCase();
    const min = Math.max(0, SEVERITIES.indexOf(bigr.$("severity").value));
    const type = bigr.$("match").value;
    bigrPages.setQuery({ q: bigr.$("q").value.trim(), severity: bigr.$("severity").value, match: type });
    const out = bigr.$("content");
    if (!report.summaries.length) {
      out.replaceChildren(bigrPages.empty(report.total_assets_scanned
        ? "No known vulnerability matches any of the " + bigr.number(report.total_assets_scanned) + " assets. The CVE store has "
          + bigr.number(report.cve_db_stats.total) + " entries; import the NVD feeds for wider coverage:"
        : "No assets yet, so nothing to match: scan a network, then refresh.",
        report.total_assets_scanned ? "bigr vuln import nvdcve-2.0-modified.json.gz" : "bigr scan 192.168.1.0/24"));
      bigr.$("count").textContent = "";
      return;
    }
    const blocks = [];
    let cves = 0;
    for (const s of report.summaries) {
      const text = [s.ip].concat(s.matches.flatMap(m => [m.cve.cve_id, m.cve.affected_vendor, m.cve.affected_product, m.asset_vendor]))
        .filter(Boolean).join(" ").toLowerCase();
      if (q && !text.includes(q)) continue;
      const rows = matchRows(s, min, type);
      if (!rows.length) continue;
      cves += rows.length;
      blocks.push(assetBlock(s, rows));
    }
    bigr.$("count").textContent = bigr.number(blocks.length) + " of " + bigr.number(report.summaries.length)
      + " vulnerable assets · " + bigr.number(cves) + " matches";
    out.replaceChildren(...(blocks.length ? blocks : [el("p", { class: "meta" }, "No match passes these filters.")]));
  }

  function card(label, value, cls) {
    return el("div", { class: "card static " + cls, dataset: { figure: label } }, el("div", { class: "n" }, value), el("div", {}, label));
  }

  const reload = bigr.page(async () => {
    const [r] = await Promise.all([api("/api/vulnerabilities"), bigrPages.dataAge()]);
    // Worst first: highest CVSS, then most critical matches.
    r.summaries.sort((a, b) => b.max_cvss - a.max_cvss || b.critical_count - a.critical_count || b.total_vulns - a.total_vulns);
    report = r;
    const sum = (k) => r.summaries.reduce((n, s) => n + s[k], 0);
    bigr.$("summary").replaceChildren(
      card("Vulnerable assets", bigr.number(r.total_vulnerable) + " / " + bigr.number(r.total_assets_scanned), "all"),
      card("Critical", sum("critical_count"), "sev-critical"), card("High", sum("high_count"), "sev-high"),
      card("Medium", sum("medium_count"), "sev-medium"), card("Low", sum("low_count"), "sev-low"));
    const st = r.cve_db_stats;
    bigr.$("cve-db").replaceChildren("CVE store: " + bigr.number(st.total) + " entries ("
      + Object.entries(st.by_severity).map(([k, v]) => v + " " + k).join(", ") + "), ",
      st.last_sync ? el("span", {}, "last NVD import ", bigr.timeAgo(st.last_sync)) : "built-in entries only (no NVD import yet)",
      ". Vendor-only matches say the maker has such CVEs; version-confirmed ones saw an affected version on the device.");
    render();
  });

  const q = bigrPages.query();
  bigr.$("q").value = q.q || "";
  bigr.$("severity").value = q.severity || "";
  bigr.$("match").value = q.match || "";
  for (const id of ["q", "severity", "match"]) bigr.$(id).addEventListener(id === "q" ? "input" : "change", render);
  bigr.$("refresh").addEventListener("click", reload);
})();
