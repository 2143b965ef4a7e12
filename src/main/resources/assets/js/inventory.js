// Inventory page ("/"): GET /api/assets with server-side filter, sort and keyset paging (one page of rows in the
// browser whatever the inventory size), category cards from /api/assets/summary, exports of the current filter,
// a column chooser kept in localStorage and the age of the data.
"use strict";
(() => {
  const { el, api, $ } = bigr;
  const COLUMNS_KEY = "bigr-inventory-columns";
  const FILTERS = ["q", "category", "status", "device_type", "subnet", "port"];
  const DEVICE_TYPES = ["router", "firewall", "switch", "access_point", "wireless_controller", "load_balancer",
    "server", "directory_server", "dns_server", "hypervisor", "management_controller", "web_server",
    "application_server", "database_server", "mail_server", "file_server", "nas", "workstation", "laptop", "phone",
    "tablet", "printer", "camera", "nvr", "tv", "streamer", "speaker", "game_console", "smart_plug", "hub", "sensor",
    "voip_phone", "ups", "pdu", "building_controller"];
  // key: the column's id (and its sort name when sortable); show: visible by default.
  const COLUMNS = [
    { key: "ip", label: "IP", sort: "ip", show: true, render: a => bigr.assetLink(a.ip) },
    { key: "mac", label: "MAC", sort: "mac", show: true },
    { key: "hostname", label: "Hostname", sort: "hostname", show: true },
    { key: "vendor", label: "Vendor", sort: "vendor", show: true },
    { key: "device_type", label: "Device type", sort: "device_type", show: true },
    { key: "product", label: "Product", sort: "product", show: true },
    { key: "os", label: "OS", sort: "os", show: true, render: a => [a.os, a.os_version].filter(Boolean).join(" ") },
    { key: "os_hint", label: "OS hint", sort: "os_hint", show: false },
    { key: "bigr_category", label: "Category", sort: "bigr_category", show: true,
      render: a => bigr.categoryBadge(a.manual_category || a.bigr_category, !!a.manual_category) },
    { key: "confidence_score", label: "Confidence", sort: "confidence_score", show: true, class: "num",
      render: a => el("span", { class: bigr.level(a.confidence_score) }, Number(a.confidence_score).toFixed(2)) },
    { key: "status", label: "Status", sort: "status", show: true, render: a => bigr.statusBadge(a.status) },
    { key: "open_ports", label: "Ports", show: true, render: a => (a.open_ports || []).join(", ") },
    { key: "switch_host", label: "Switch port", sort: "switch_host", show: false,
      render: a => a.switch_host ? a.switch_host + (a.switch_port ? " " + a.switch_port : "") : "" },
    { key: "scan_method", label: "Scan method", sort: "scan_method", show: false },
    { key: "manual_note", label: "Note", sort: "manual_note", show: false },
    { key: "first_seen", label: "First seen", sort: "first_seen", show: false, render: a => bigr.timeAgo(a.first_seen) },
    { key: "last_seen", label: "Last seen", sort: "last_seen", show: true, render: a => bigr.timeAgo(a.last_seen) }
  ];
  const state = { sort: "ip", desc: false, cursors: [null], page: 0, lastScan: null, seq: 0 };

  function visible() {
    let saved = null;
    try { saved = JSON.parse(localStorage.getItem(COLUMNS_KEY) || "null"); } catch (e) { saved = null; }
    const keys = Array.isArray(saved) ? saved : COLUMNS.filter(c => c.show).map(c => c.key);
    return COLUMNS.filter(c => keys.includes(c.key));
  }

  function filterParams() {
    const p = new URLSearchParams();
    for (const f of FILTERS) {
      const v = $(f).value.trim();
      if (v) p.set(f, v);
    }
    return p;
  }

  function listParams() {
    const p = filterParams();
    p.set("sort", (state.desc ? "-" : "") + state.sort);
    p.set("limit", $("limit").value);
    const cursor = state.cursors[state.page];
    if (cursor) p.set("cursor", cursor);
    return p;
  }

  // The filters and sort in the address, so a reload or a shared link shows the same rows.
  function saveToUrl() {
    const p = filterParams();
    if (state.sort !== "ip" || state.desc) p.set("sort", (state.desc ? "-" : "") + state.sort);
    const qs = p.toString();
    history.replaceState(null, "", qs ? "/?" + qs : "/");
  }

  function loadFromUrl() {
    const p = new URLSearchParams(location.search);
    for (const f of FILTERS) if (p.get(f)) $(f).value = p.get(f);
    const s = p.get("sort");
    if (s) { state.desc = s.startsWith("-"); state.sort = s.replace(/^-/, ""); }
  }

  function renderHead() {
    const cols = visible();
    const row = document.querySelector("#assets thead tr");
    row.replaceChildren(...cols.map(c => {
      const th = el("th", { dataset: { col: c.key }, class: c.sort ? "sortable" : null, title: c.sort ? "Sort" : null }, c.label);
      if (c.sort && c.sort === state.sort) th.setAttribute("aria-sort", state.desc ? "descending" : "ascending");
      if (c.sort) th.addEventListener("click", () => {
        state.desc = state.sort === c.sort ? !state.desc : false;
        state.sort = c.sort;
        restart();
      });
      return th;
    }));
    return cols;
  }

  function renderColumnMenu() {
    const keys = visible().map(c => c.key);
    $("column-menu").replaceChildren(...COLUMNS.map(c => {
      const box = el("input", { type: "checkbox", value: c.key, checked: keys.includes(c.key) });
      box.addEventListener("change", () => {
        const chosen = [...$("column-menu").querySelectorAll("input:checked")].map(i => i.value);
        localStorage.setItem(COLUMNS_KEY, JSON.stringify(chosen));
        loadPage();
      });
      return el("label", {}, box, " ", c.label);
    }));
  }

  function renderCards(summary) {
    const current = $("category").value;
    const card = (key, label, n) => el("button", {
      type: "button", class: "card " + key + (current === key || (!current && key === "all") ? " selected" : ""),
      dataset: { category: key === "all" ? "" : key }, onclick: () => { $("category").value = key === "all" ? "" : key; restart(); }
    }, el("div", { class: "n" }, bigr.number(n)), el("div", {}, label));
    const cards = [card("all", "All assets", summary.total)];
    for (const [key, label] of Object.entries(bigr.CATEGORY_LABELS)) {
      cards.push(card(key, label, summary.by_category[key] || 0));
    }
    $("cards").replaceChildren(...cards);
  }

  function renderAge() {
    const s = state.lastScan;
    $("data-age").replaceChildren(s
      ? el("span", {}, "last scan ", bigr.timeAgo(s.completed_at || s.started_at), " · " + s.target)
      : "no scan yet: run bigr scan");
  }

  async function loadPage() {
    const seq = ++state.seq;
    const body = await api("/api/assets?" + listParams().toString());
    if (seq !== state.seq) return; // a newer request superseded this one
    const cols = renderHead();
    const tbody = document.querySelector("#assets tbody");
    bigr.fillTable(tbody, body.assets, cols, "No asset matches" + (filterParams().toString() ? " this filter." : ": run bigr scan."));
    [...tbody.rows].forEach((tr, i) => {
      const a = body.assets[i];
      if (!a) return;
      tr.classList.add("clickable");
      tr.dataset.ip = a.ip;
      tr.addEventListener("click", (e) => { if (!e.target.closest("a")) location.href = bigr.assetUrl(a.ip); });
    });
    state.cursors[state.page + 1] = body.next_cursor;
    const first = state.page * body.limit;
    $("count").textContent = body.total === 0 ? "0 assets"
      : "rows " + bigr.number(first + 1) + "–" + bigr.number(first + body.assets.length) + " of " + bigr.number(body.total);
    $("count").dataset.total = body.total;
    $("prev").disabled = state.page === 0;
    document.body.dataset.drawnMs = String(performance.now()); // when rows were last drawn (the benchmark reads it)
    $("next").disabled = !body.next_cursor;
  }

  function restart() {
    state.cursors = [null];
    state.page = 0;
    saveToUrl();
    renderCardsSelection();
    return loadPage().catch(e => bigr.showError(e.message));
  }

  function renderCardsSelection() {
    const current = $("category").value;
    for (const c of document.querySelectorAll("#cards .card")) {
      c.classList.toggle("selected", c.dataset.category === current);
    }
  }

  async function loadAll() {
    const [summary, scans] = await Promise.all([api("/api/assets/summary"), api("/api/scans?limit=1"), loadPage()]);
    renderCards(summary);
    state.lastScan = (scans.scans || [])[0] || null;
    renderAge();
  }

  async function fillSelects() {
    for (const id of ["category", "status", "device_type", "subnet"]) $(id).length = 1;
    for (const [value, label] of Object.entries(bigr.CATEGORY_LABELS)) $("category").add(new Option(label, value));
    for (const [value, label] of Object.entries(bigr.STATUS_LABELS)) $("status").add(new Option(label, value));
    for (const t of DEVICE_TYPES) $("device_type").add(new Option(t.replace(/_/g, " "), t));
    const subnets = await api("/api/subnets");
    for (const s of subnets.subnets || []) $("subnet").add(new Option(s.cidr + (s.label ? " (" + s.label + ")" : ""), s.cidr));
  }

  let timer = null;
  $("q").addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(restart, 300); });
  $("port").addEventListener("change", restart);
  for (const id of ["category", "status", "device_type", "subnet"]) $(id).addEventListener("change", restart);
  $("filters").addEventListener("submit", (e) => { e.preventDefault(); restart(); });
  $("clear").addEventListener("click", () => { for (const f of FILTERS) $(f).value = ""; restart(); });
  $("limit").addEventListener("change", restart);
  $("prev").addEventListener("click", () => { if (state.page > 0) { state.page--; loadPage().catch(e => bigr.showError(e.message)); } });
  $("next").addEventListener("click", () => {
    if (state.cursors[state.page + 1]) { state.page++; loadPage().catch(e => bigr.showError(e.message)); }
  });
  const exporter = (format) => async () => {
    const p = filterParams();
    p.set("format", format);
    p.set("sort", (state.desc ? "-" : "") + state.sort);
    try {
      const r = await bigr.download("/api/assets/export?" + p.toString(), "bigr-assets." + format);
      $("count").dataset.exported = format + ":" + r.rows;
    } catch (e) { bigr.showError(e.message); }
  };
  $("export-csv").addEventListener("click", exporter("csv"));
  $("export-json").addEventListener("click", exporter("json"));
  setInterval(renderAge, 30000);

  let prepared = false;
  const reload = bigr.page(async () => {
    if (!prepared) {
      await fillSelects();
      loadFromUrl();
      renderColumnMenu();
      prepared = true;
    }
    await loadAll();
  });
  $("refresh").addEventListener("click", () => { state.cursors = [null]; state.page = 0; reload(); });
})();
