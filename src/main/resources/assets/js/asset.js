// Asset detail page ("/assets/{ip}"): GET /api/assets/{ip} (row, history, MACs, certificates, CVE matches) and
// GET /api/changes?ip=; the manual tag is set with PUT and cleared with DELETE /api/assets/{ip}/tag.
"use strict";
(() => {
  const { el, api, $ } = bigr;
  const ip = decodeURIComponent(location.pathname.slice("/assets/".length)).trim();

  const facts = (pairs) => el("dl", { class: "facts" },
    pairs.filter(([, v]) => v !== null && v !== undefined && v !== "").flatMap(([k, v, id]) =>
      [el("dt", {}, k), el("dd", { dataset: { fact: id || k.toLowerCase() } }, v)]));

  const panel = (id, title, ...body) => el("section", { class: "panel", id }, el("h2", {}, title), ...body);
  const wide = (p) => { p.classList.add("wide"); return p; };

  // Other MACs of this device: the MACs linked to the row (rotated random MACs, merges; docs/DOMAIN.md §3.17) and
  // those of other rows with the same IP.
  function linkedMacs(a, macs, links) {
    const out = [];
    for (const l of links || []) {
      if (l.source === "split" || !l.mac || l.mac === a.mac) continue;
      out.push(l.mac + " (" + l.source + (l.confidence ? " " + Number(l.confidence).toFixed(2) : "") + ")");
    }
    for (const m of macs || []) if (m !== a.mac && !out.some(x => x.startsWith(m))) out.push(m + " (same IP)");
    return out;
  }

  function identity(a, macs, links) {
    const linked = linkedMacs(a, macs, links);
    return panel("identity", "Identity", facts([
      ["IP", a.ip, "ip"], ["MAC", a.mac || "unknown", "mac"],
      ["Linked MACs", linked.length ? linked.join(", ") : null, "linked_macs"],
      ["Hostname", a.hostname, "hostname"], ["Vendor", a.vendor, "vendor"],
      ["Device type", a.device_type ? a.device_type.replace(/_/g, " ") : null, "device_type"],
      ["Product", a.product, "product"], ["OS", [a.os, a.os_version].filter(Boolean).join(" ") || null, "os"],
      ["OS hint", a.os_hint, "os_hint"], ["Status", bigr.statusBadge(a.status), "status"],
      ["First seen", el("span", {}, bigr.dateTime(a.first_seen), " (", bigr.timeAgo(a.first_seen), ")"), "first_seen"],
      ["Last seen", el("span", {}, bigr.dateTime(a.last_seen), " (", bigr.timeAgo(a.last_seen), ")"), "last_seen"],
      ["Scan method", a.scan_method, "scan_method"],
      ["Switch", a.switch_host ? a.switch_host + (a.switch_port ? " port " + a.switch_port : "")
        + (a.switch_port_index !== null && a.switch_port_index !== undefined ? " (#" + a.switch_port_index + ")" : "") : "not placed",
        "switch"]
    ]));
  }

  // Which rule or fingerprint added which weight to which category (raw_evidence.evidence_weights, docs/DOMAIN.md §4.12).
  function classification(a, evidence) {
    const weights = (evidence && evidence.evidence_weights) || null;
    const rules = weights ? weights.rules || [] : [];
    // only the categories some rule added weight to
    const cats = Object.keys(bigr.CATEGORY_LABELS).filter(c => rules.some(r => r.weights && r.weights[c]));
    const rows = rules.map(r => ({ r }));
    const cols = [
      { key: "source", label: "Source", render: x => x.r.source },
      { key: "rule", label: "Rule", render: x => x.r.rule + (x.r.text ? " (" + x.r.text + ")" : "") },
      ...cats.map(c => ({ key: c, label: bigr.categoryLabel(c), class: "num",
        render: x => x.r.weights && x.r.weights[c] ? "+" + x.r.weights[c] : "" }))
    ];
    const table = bigr.table(cols, rows, "No rule fired" + (a.manual_category ? ": the category is a manual tag." : "."));
    table.id = "evidence";
    if (weights && weights.totals) {
      table.tBodies[0].append(el("tr", { class: "totals" }, el("td", { colspan: 2 }, el("strong", {}, "Total")),
        cats.map(c => el("td", { class: "num", dataset: { col: c } }, el("strong", {}, weights.totals[c] || 0)))));
    }
    const effective = a.manual_category || a.bigr_category;
    const other = evidence ? Object.entries(evidence).filter(([k]) =>
      ["port_rules", "vendor_rule", "hostname_rules", "os_rule", "service_rules", "mac_heuristic", "fingerprint_rule", "vendor_source", "vendor_match"].includes(k)) : [];
    return panel("classification", "Category and why",
      el("p", {}, bigr.categoryBadge(effective, !!a.manual_category), " confidence ",
        el("strong", { class: bigr.level(a.confidence_score), id: "confidence" }, Number(a.confidence_score).toFixed(2)),
        " (" + (a.confidence_level || bigr.level(a.confidence_score)) + ")",
        a.manual_category ? el("span", { class: "meta" }, " · classifier said " + bigr.categoryLabel(a.bigr_category)) : null),
      table,
      other.length ? facts(other.map(([k, v]) => [k.replace(/_/g, " "), Array.isArray(v) ? v.join("; ") : String(v), k])) : null);
  }

  function tagEditor(a) {
    const select = el("select", { id: "tag-category", "aria-label": "Manual category" },
      Object.entries(bigr.CATEGORY_LABELS).filter(([k]) => k !== "unclassified").map(([k, l]) => new Option(l, k)));
    if (a.manual_category) select.value = a.manual_category;
    const note = el("input", { id: "tag-note", type: "text", placeholder: "Note (optional)", value: a.manual_note || "" });
    const status = el("span", { id: "tag-status", class: "meta" },
      a.manual_category ? "Tagged " + bigr.categoryLabel(a.manual_category) : "Not tagged: the classifier's category counts.");
    const save = el("button", { type: "submit", class: "primary", id: "tag-save" }, "Save tag");
    const clear = el("button", { type: "button", id: "tag-clear", disabled: !a.manual_category }, "Remove tag");
    const form = el("form", { class: "toolbar", id: "tag-form" }, select, note, save, clear, status);
    const write = async (method, body) => {
      if (!bigr.token()) { bigr.showTokenForm(); throw new bigr.AuthError("Changing a tag needs the API token: enter it above."); }
      return api("/api/assets/" + encodeURIComponent(a.ip) + "/tag", { method, body });
    };
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      try {
        const r = await write("PUT", { category: select.value, note: note.value });
        bigr.showError("");
        status.textContent = "Saved: tagged " + bigr.categoryLabel(r.manual_category);
        await reload();
      } catch (err) { bigr.showError(err.message); }
    });
    clear.addEventListener("click", async () => {
      try {
        await write("DELETE");
        bigr.showError("");
        await reload();
      } catch (err) { bigr.showError(err.message); }
    });
    return panel("tag", "Manual tag", form);
  }

  function ports(a, evidence) {
    const banners = (evidence && evidence.banners) || {};
    const open = new Set((a.open_ports || []).map(String));
    for (const p of Object.keys(banners)) open.add(p);
    const rows = [...open].sort((x, y) => x - y).map(p => Object.assign({ port: p }, banners[p] || {}));
    const cols = [
      { key: "port", label: "Port", class: "num" },
      { key: "service", label: "Service" },
      { key: "server", label: "Server / product", render: r => r.server || r.product || "" },
      { key: "title", label: "Title" },
      { key: "banner", label: "Banner", render: r => r.banner ? el("pre", {}, r.banner) : "" },
      { key: "tls", label: "TLS", render: r => r.tls ? el("span", { title: r.tls.issuer || "" }, r.tls.subject || "yes") : "" }
    ];
    const t = bigr.table(cols, rows, "No open port in the latest scan.");
    t.id = "ports";
    return panel("ports-panel", "Ports and services", t);
  }

  function certificates(list) {
    const cols = [
      { key: "port", label: "Port", class: "num" },
      { key: "cn", label: "Common name" },
      { key: "issuer", label: "Issuer", render: c => c.issuer_org || c.issuer },
      { key: "valid_to", label: "Expires", render: c => el("span", { class: c.is_expired ? "low" : c.days_until_expiry <= 30 ? "medium" : "" },
        bigr.dateTime(c.valid_to), " (", c.is_expired ? "expired" : bigr.age(c.valid_to), ")") },
      { key: "key", label: "Key", render: c => [c.key_algorithm, c.key_size].filter(Boolean).join(" ") },
      { key: "flags", label: "", render: c => c.is_self_signed ? el("span", { class: "badge" }, "self-signed") : "" }
    ];
    const t = bigr.table(cols, list, "No TLS certificate collected (bigr scan --certs).");
    t.id = "certificates";
    return panel("certificates-panel", "TLS certificates", t);
  }

  function vulnerabilities(matches) {
    const cols = [
      { key: "cve", label: "CVE", render: m => m.cve.cve_id },
      { key: "severity", label: "Severity", render: m => el("span", { class: "badge sev-" + bigr.text(m.cve.severity).toLowerCase() },
        m.cve.severity + " " + m.cve.cvss_score) },
      { key: "match_type", label: "Match", render: m => m.match_type.replace(/_/g, " ") + " (" + m.confidence_label + ")" },
      { key: "evidence", label: "Evidence", render: m => {
        const e = m.evidence || {};
        return [e.source, e.port ? "port " + e.port : null, e.text ? "“" + e.text + "”" : null,
          e.product ? e.product + " " + (e.version || "") : null, e.version_range].filter(Boolean).join(" · ");
      } },
      { key: "description", label: "Description", render: m => m.cve.description }
    ];
    const t = bigr.table(cols, matches, "No known CVE matches this asset.");
    t.id = "vulnerabilities";
    return panel("vulnerabilities-panel", "Vulnerabilities (" + matches.length + ")", t);
  }

  function timeline(history, changes) {
    const items = [];
    for (const h of history) {
      items.push({ at: h.scan_started, cls: "scan", node: el("span", {}, el("strong", {}, "Scan "), h.target + " · ",
        bigr.categoryBadge(h.bigr_category), " " + Number(h.confidence_score).toFixed(2)
        + " · ports " + ((h.open_ports || []).join(", ") || "none") + (h.mac ? " · " + h.mac : "")) });
    }
    for (const c of changes) {
      const what = c.change_type === "field_changed"
        ? c.field_name + ": " + (c.old_value || "∅") + " → " + (c.new_value || "∅")
        : c.change_type.replace(/_/g, " ") + (c.field_name ? " " + c.field_name : "") + (c.new_value ? " " + c.new_value : "");
      items.push({ at: c.detected_at, cls: "change", node: el("span", {}, el("strong", {}, "Change "), what) });
    }
    items.sort((x, y) => Date.parse(y.at) - Date.parse(x.at));
    return panel("history", "History", items.length
      ? el("ol", { class: "timeline", id: "timeline" }, items.map(i =>
        el("li", { class: i.cls }, el("span", { class: "meta" }, bigr.dateTime(i.at) + " · "), i.node)))
      : el("p", { class: "meta" }, "No history."));
  }

  async function load() {
    const main = $("asset");
    let body;
    try {
      body = await api("/api/assets/" + encodeURIComponent(ip));
    } catch (e) {
      if (e.status === 404 || e.status === 400) {
        document.title = "BİGR Discovery · Unknown asset";
        main.replaceChildren(el("h1", {}, "Unknown asset"), el("p", { id: "not-found", class: "notice" },
          e.status === 404 ? "No asset with the IP address “" + ip + "” is in the inventory. It may never have been scanned."
            : "“" + ip + "” is not an IP address."), el("p", {}, el("a", { href: "/" }, "← Back to the inventory")));
        return;
      }
      throw e;
    }
    const changes = await api("/api/changes?limit=200&ip=" + encodeURIComponent(ip));
    const a = body.asset;
    const mine = (body.history || []).filter(h => h.asset_id === a.id);
    const latest = mine[0] || (body.history || [])[0] || null;
    a.open_ports = latest ? latest.open_ports : [];
    a.confidence_level = null;
    const evidence = latest ? latest.raw_evidence : null;
    document.title = "BİGR Discovery · " + a.ip + (a.hostname ? " (" + a.hostname + ")" : "");
    main.replaceChildren(
      el("div", { class: "title-row" }, el("h1", {}, a.ip, a.hostname ? el("span", { class: "meta" }, " " + a.hostname) : null),
        el("a", { href: "/" }, "← Inventory")),
      el("div", { class: "panels" }, identity(a, body.macs || [], body.linked || []), classification(a, evidence), tagEditor(a),
        wide(ports(a, evidence)), wide(certificates(body.certificates || [])),
        wide(vulnerabilities(body.vulnerabilities || []))),
      timeline(body.history || [], changes.changes || []));
  }

  const reload = bigr.page(load);
})();
