// Changes page (/changes): the change log of GET /api/changes (docs/DOMAIN.md §3.11, §3.4, §3.15) as a timeline,
// newest first, grouped by day, filtered by type, time (since inclusive, before exclusive) and IP.
"use strict";
(() => {
  const { el, api } = bigr;
  const PAGE = 100;
  const TYPES = {
    new_asset: "New asset", field_changed: "Field changed", port_opened: "Port opened", port_closed: "Port closed",
    asset_missed: "Missed", asset_gone: "Gone", asset_returned: "Returned"
  };
  const FIELDS = { bigr_category: "category", confidence_score: "confidence", os_hint: "OS hint",
    consecutive_misses: "misses in a row" };
  let shown = [];
  let nextOffset = null;
  let filter = "";

  bigr.$("type").append(...Object.entries(TYPES).map(([v, l]) => el("option", { value: v }, l)));

  // datetime-local values are read as UTC (the API's time zone) and sent as ISO-8601 with Z.
  const toIso = (v) => v ? v + (v.length === 16 ? ":00" : "") + "Z" : "";
  const fromIso = (v) => v ? v.replace(/Z$|\+00:00$/, "").slice(0, 16) : "";

  function params() {
    const p = new URLSearchParams();
    const type = bigr.$("type").value, ip = bigr.$("ip").value.trim(), period = bigr.$("period").value;
    if (type) p.set("type", type);
    if (ip) p.set("ip", ip);
    if (period && period !== "custom") {
      p.set("since", new Date(Date.now() - Number(period) * 86400000).toISOString());
    } else {
      if (bigr.$("since").value) p.set("since", toIso(bigr.$("since").value));
      if (bigr.$("before").value) p.set("before", toIso(bigr.$("before").value));
    }
    return p;
  }

  function what(c) {
    const type = el("span", { class: "badge type type-" + c.change_type, dataset: { type: c.change_type } }, TYPES[c.change_type] || c.change_type);
    const parts = [type, " ", c.ip ? bigr.assetLink(c.ip) : "", c.mac ? el("span", { class: "meta mono" }, " " + c.mac) : ""];
    if (c.change_type === "new_asset") return parts;
    if (c.change_type === "port_opened" || c.change_type === "port_closed") {
      return parts.concat(" port ", el("b", {}, c.new_value || c.old_value || c.field_name));
    }
    const field = FIELDS[c.field_name] || (c.field_name || "").replace(/_/g, " ");
    return parts.concat(" " + field + ": ", el("span", { class: "old" }, c.old_value === null ? "—" : c.old_value), " → ",
      el("span", { class: "new" }, c.new_value === null ? "—" : c.new_value));
  }

  function draw() {
    const items = [];
    let day = null;
    for (const c of shown) {
      const d = new Date(c.detected_at);
      const key = d.toISOString().slice(0, 10);
      if (key !== day) {
        day = key;
        items.push(el("li", { class: "day" }, d.toLocaleDateString("en-GB", { weekday: "short", day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }) + " (UTC)"));
      }
      items.push(el("li", { class: c.change_type === "new_asset" ? "" : "change", dataset: { type: c.change_type, id: c.id } },
        el("time", { class: "when", datetime: c.detected_at, title: c.detected_at }, c.detected_at.slice(11, 16)), ...what(c)));
    }
    bigr.$("timeline").replaceChildren(...items);
    bigr.$("more").hidden = nextOffset === null;
  }

  function syncUrl() {
    const p = params();
    const period = bigr.$("period").value;
    const q = { type: p.get("type"), ip: p.get("ip"), period: period === "custom" ? "" : period };
    if (!period || period === "custom") { q.since = p.get("since"); q.before = p.get("before"); }
    bigrPages.setQuery(q);
  }

  // Filters from the address first: the first load reads them.
  const q = bigrPages.query();
  bigr.$("type").value = q.type || "";
  bigr.$("ip").value = q.ip || "";
  bigr.$("period").value = q.period || (q.since || q.before ? "custom" : "");
  bigr.$("since").value = fromIso(q.since);
  bigr.$("before").value = fromIso(q.before);
  const customOnly = () => {
    const custom = bigr.$("period").value === "custom";
    bigr.$("since").disabled = !custom;
    bigr.$("before").disabled = !custom;
  };
  customOnly();

  const reload = bigr.page(async () => {
    const p = params();
    filter = p.toString();
    syncUrl();
    p.set("limit", PAGE);
    const [page] = await Promise.all([api("/api/changes?" + p), bigrPages.dataAge()]);
    shown = page.changes;
    nextOffset = page.next_offset;
    const any = filter !== "";
    bigr.$("count").textContent = bigr.number(page.total) + (page.total === 1 ? " change" : " changes") + (any ? " match these filters" : " logged");
    bigr.$("changes-empty").replaceChildren(page.total ? "" : any
      ? bigrPages.empty("No change matches these filters: widen the period or clear the filters.")
      : bigrPages.empty("No change logged yet: changes appear when a network is scanned a second time.", "bigr scan 192.168.1.0/24"));
    draw();
  });

  bigr.$("period").addEventListener("change", () => { customOnly(); reload(); });
  bigr.$("type").addEventListener("change", reload);
  bigr.$("filters").addEventListener("submit", (e) => { e.preventDefault(); reload(); });
  bigr.$("clear").addEventListener("click", () => {
    for (const id of ["type", "ip", "period", "since", "before"]) bigr.$(id).value = "";
    customOnly();
    reload();
  });
  bigr.$("more").addEventListener("click", async () => {
    try {
      const page = await api("/api/changes?" + filter + (filter ? "&" : "") + "limit=" + PAGE + "&offset=" + nextOffset);
      shown = shown.concat(page.changes);
      nextOffset = page.next_offset;
      draw();
    } catch (e) { bigr.showError(e.message); }
  });
  bigr.$("refresh").addEventListener("click", reload);
})();
