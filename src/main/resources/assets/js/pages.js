// BİGR Discovery dashboard: helpers of the report and management pages (topology, compliance, analytics, risk,
// vulnerabilities, scans, changes, certificates, switches, subnets), on top of bigr.js.
"use strict";
const bigrPages = (() => {
  const { el, api } = bigr;

  // Fills #data-age with how old the newest finished scan is ("last scan 3 min ago"), the age every report is as
  // fresh as; "no scan yet" otherwise. Returns the scan (or null).
  async function dataAge() {
    const latest = await api("/api/scans?limit=1");
    const scan = latest.scans[0] || null;
    const box = bigr.$("data-age");
    if (box) {
      box.replaceChildren(scan ? el("span", {}, "data from the last scan, ",
        bigr.timeAgo(scan.completed_at || scan.started_at), " (" + scan.target + ")") : "no scan yet");
    }
    return scan;
  }

  // An empty state that says what to do: a sentence and, optionally, the command to run.
  function empty(sentence, command) {
    return el("div", { class: "notice empty-state" }, el("p", {}, sentence),
      command ? el("pre", { class: "mono" }, command) : null);
  }

  // The page's query string as an object, and a way to change it without reloading (state you can link to).
  function query() { return Object.fromEntries(new URLSearchParams(location.search)); }

  function setQuery(values) {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(values)) {
      if (v !== null && v !== undefined && v !== "") p.set(k, v);
    }
    const q = p.toString();
    history.replaceState(null, "", location.pathname + (q ? "?" + q : ""));
  }

  // <select> with [value, label] options and the given value selected.
  function select(id, options, value) {
    return el("select", { id }, options.map(([v, label]) => el("option", { value: v, selected: v === value }, label)));
  }

  function severityBadge(severity) {
    return el("span", { class: "badge sev-" + bigr.text(severity), dataset: { severity: bigr.text(severity) } },
      bigr.text(severity));
  }

  // node.replaceChildren(...) without the null, undefined and false of optional parts (replaceChildren would print
  // them as text).
  function put(node, ...children) {
    node.replaceChildren(...children.flat().filter(c => c !== null && c !== undefined && c !== false));
    return node;
  }

  return { dataAge, empty, query, setQuery, select, severityBadge, put };
})();
