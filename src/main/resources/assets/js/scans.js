// Scans page (/scans): GET /api/scans (docs/DOMAIN.md §3.7), newest first, and the difference between two of them
// from GET /api/scans/{id}/diff?base={other} (the rules of §3.10 applied to the two stored snapshots).
"use strict";
(() => {
  const { el, api } = bigr;
  const PAGE = 50;
  let scans = [];
  let nextOffset = null;
  let picked = { scan: null, base: null };

  function pickCell(name, s) {
    const input = el("input", { type: "radio", name, value: s.id, checked: picked[name] === s.id,
      "aria-label": (name === "base" ? "Base: " : "Compare: ") + s.target + " " + bigr.dateTime(s.started_at) });
    input.addEventListener("change", () => { picked[name] = s.id; mark(); });
    return input;
  }

  const columns = [
    { key: "base", label: "Base", class: "pick", render: s => pickCell("base", s) },
    { key: "scan", label: "Compare", class: "pick", render: s => pickCell("scan", s) },
    { key: "started_at", label: "Started", render: s => el("span", {}, bigr.dateTime(s.started_at), " ",
      el("span", { class: "meta" }, "(" + bigr.age(s.started_at) + ")")) },
    { key: "target", label: "Target", render: s => el("span", { class: "mono" }, s.target) },
    { key: "scan_method", label: "Mode" },
    { key: "status", label: "Status", render: s => el("span", { class: "badge status-" + (s.status === "completed" ? "online"
      : s.status === "running" ? "missed" : "gone") }, s.status) },
    { key: "total_assets", label: "Assets", class: "num", render: s => bigr.number(s.total_assets) },
    { key: "duration_seconds", label: "Duration", class: "num", render: s => s.duration_seconds === null ? "" : s.duration_seconds.toFixed(1) + " s" },
    { key: "id", label: "Scan id", render: s => el("span", { class: "mono meta", title: s.id }, s.id.slice(0, 8)) }
  ];

  function mark() {
    for (const tr of document.querySelectorAll("#scans tbody tr")) {
      const radios = tr.querySelectorAll("input[type=radio]");
      tr.classList.toggle("selected-scan", [...radios].some(r => r.checked));
    }
    bigr.$("compare").disabled = !picked.scan || !picked.base;
  }

  function drawList() {
    bigr.$("scans").querySelector("thead").replaceChildren(el("tr", {}, columns.map(c => el("th", { dataset: { col: c.key } }, c.label))));
    bigr.fillTable(bigr.$("scans").querySelector("tbody"), scans, columns);
    [...bigr.$("scans").querySelectorAll("tbody tr")].forEach((tr, i) => { tr.dataset.scan = scans[i].id; });
    bigr.$("more").hidden = nextOffset === null;
    mark();
  }

  function assetTable(rows, empty) {
    return bigr.table([
      { key: "ip", label: "IP", render: a => a.ip ? bigr.assetLink(a.ip) : "" },
      { key: "mac", label: "MAC" },
      { key: "hostname", label: "Hostname" },
      { key: "vendor", label: "Vendor" },
      { key: "bigr_category", label: "Category", render: a => bigr.categoryBadge(a.bigr_category) },
      { key: "open_ports", label: "Open ports", render: a => a.open_ports.join(", ") }
    ], rows, empty);
  }

  function cut(list, count) {
    return count > list.length ? el("p", { class: "meta" }, "The first " + bigr.number(list.length) + " of "
      + bigr.number(count) + " are shown.") : null;
  }

  function describe(s) { return s.target + ", " + bigr.dateTime(s.started_at); }

  async function showDiff() {
    if (!picked.scan || !picked.base) return;
    bigrPages.setQuery({ scan: picked.scan, base: picked.base });
    const d = await api("/api/scans/" + encodeURIComponent(picked.scan) + "/diff?base=" + encodeURIComponent(picked.base));
    bigrPages.put(bigr.$("diff"),
      el("h2", {}, "What changed from ", el("span", { class: "mono" }, describe(d.base)), " to ",
        el("span", { class: "mono" }, describe(d.scan))),
      el("p", { id: "diff-summary", class: "notice" }, d.summary),
      d.scan.target !== d.base.target ? el("p", { class: "meta" }, "The two scans have different targets: an address "
        + "outside one of them shows as new or removed.") : null,
      el("p", { class: "meta" }, "Ports, category and confidence come from each scan's snapshot; hostname and vendor "
        + "changes are in the change log."),
      el("h2", { class: "diff-new" }, "New (" + bigr.number(d.new_count) + ")"),
      el("div", { id: "diff-new" }, assetTable(d.new_assets, "Nothing new.")), cut(d.new_assets, d.new_count),
      el("h2", { class: "diff-removed" }, "Removed (" + bigr.number(d.removed_count) + ")"),
      el("div", { id: "diff-removed" }, assetTable(d.removed_assets, "Nothing removed.")), cut(d.removed_assets, d.removed_count),
      el("h2", { class: "diff-changed" }, "Changed (" + bigr.number(d.changed_count) + " field changes)"),
      el("div", { id: "diff-changed" }, bigr.table([
        { key: "ip", label: "IP", render: c => c.ip ? bigr.assetLink(c.ip) : "" },
        { key: "mac", label: "MAC" },
        { key: "field", label: "Field" },
        { key: "change", label: "Before → after", render: c => el("span", {}, el("span", { class: "old" }, c.old_value === null ? "—" : c.old_value),
          " → ", el("span", { class: "new" }, c.new_value === null ? "—" : c.new_value)) }
      ], d.changed_assets, "No field changed.")), cut(d.changed_assets, d.changed_count),
      el("p", { class: "meta" }, bigr.number(d.unchanged_count) + " assets unchanged."));
  }

  // Default pair: the newest scan against the newest earlier scan of the same target (else the next one).
  function defaults() {
    const q = bigrPages.query();
    const ids = new Set(scans.map(s => s.id));
    if (q.scan && q.base) { picked = { scan: q.scan, base: q.base }; return; }
    if (picked.scan && ids.has(picked.scan) && picked.base && ids.has(picked.base)) return;
    const newest = scans[0];
    const base = scans.slice(1).find(s => s.target === newest.target) || scans[1];
    picked = { scan: newest.id, base: base ? base.id : null };
  }

  const reload = bigr.page(async () => {
    const [list] = await Promise.all([api("/api/scans?limit=" + PAGE), bigrPages.dataAge()]);
    scans = list.scans;
    nextOffset = list.next_offset;
    bigr.$("count").textContent = bigr.number(list.total) + " scans";
    const empty = bigr.$("scans-empty");
    const hasScans = scans.length > 0;
    bigr.$("scans").hidden = !hasScans;
    bigr.$("compare-bar").hidden = scans.length < 2;
    bigr.$("diff").replaceChildren();
    if (!hasScans) {
      empty.replaceChildren(bigrPages.empty("No scans yet: scan a network, then refresh.", "bigr scan 192.168.1.0/24"));
      return;
    }
    empty.replaceChildren(scans.length < 2 ? bigrPages.empty("Only one scan so far: scan again to see what changed.",
      "bigr scan " + scans[0].target) : "");
    defaults();
    drawList();
    if (picked.scan && picked.base) await showDiff();
  });

  bigr.$("compare").addEventListener("click", () => showDiff().catch(e => bigr.showError(e.message)));
  bigr.$("more").addEventListener("click", async () => {
    try {
      const list = await api("/api/scans?limit=" + PAGE + "&offset=" + nextOffset);
      scans = scans.concat(list.scans);
      nextOffset = list.next_offset;
      drawList();
    } catch (e) { bigr.showError(e.message); }
  });
  bigr.$("refresh").addEventListener("click", reload);
})();
