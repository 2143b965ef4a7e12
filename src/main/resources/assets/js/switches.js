// Switches page (/switches): the SNMP switches of GET /api/switches (docs/DOMAIN.md §3.13, never a secret) and, for the
// chosen one, the assets the polls placed on each port: GET /api/switches/{host}/ports (§5.8).
"use strict";
(() => {
  const { el, api } = bigr;
  let chosen = bigrPages.query().host || "";

  function choose(host) {
    chosen = host;
    bigrPages.setQuery({ host });
    for (const tr of document.querySelectorAll("#switch-list tbody tr")) tr.classList.toggle("selected-scan", tr.dataset.host === host);
    return showPorts(host).catch(e => bigr.showError(e.message));
  }

  async function showPorts(host) {
    const r = await api("/api/switches/" + encodeURIComponent(host) + "/ports");
    const rows = r.ports.flatMap(p => p.assets.map((a, i) => ({ port: p, first: i === 0, asset: a })));
    bigr.$("ports").replaceChildren(
      el("h2", {}, "Ports of ", el("span", { class: "mono" }, host), r.switch && r.switch.label ? " (" + r.switch.label + ")" : ""),
      el("p", { class: "meta" }, bigr.number(r.ports.length) + " ports with " + bigr.number(r.total_assets) + " assets"
        + (r.switch ? "" : " · this switch is no longer registered; these placements are from its last poll")),
      el("div", { id: "port-table" }, bigr.table([
        { key: "port", label: "Port", render: x => x.first ? el("b", {}, x.port.port || "(unnamed)") : "" },
        { key: "port_index", label: "Index", class: "num", render: x => x.first && x.port.port_index !== null ? x.port.port_index : "" },
        { key: "ip", label: "IP", render: x => bigr.assetLink(x.asset.ip) },
        { key: "mac", label: "MAC", render: x => x.asset.mac },
        { key: "hostname", label: "Hostname", render: x => x.asset.hostname },
        { key: "vendor", label: "Vendor", render: x => x.asset.vendor },
        { key: "bigr_category", label: "Category", render: x => bigr.categoryBadge(x.asset.bigr_category, !!x.asset.manual_category) },
        { key: "status", label: "Status", render: x => bigr.statusBadge(x.asset.status) },
        { key: "last_seen", label: "Last seen", render: x => bigr.timeAgo(x.asset.last_seen) }
      ], rows, "No asset is placed on this switch yet: poll it (bigr snmp scan) after a scan has found the MACs.")));
  }

  const reload = bigr.page(async () => {
    const [page] = await Promise.all([api("/api/switches"), bigrPages.dataAge()]);
    const out = bigr.$("content");
    if (!page.switches.length) {
      out.replaceChildren(bigrPages.empty("No switches registered: add one, then poll it to place assets on ports.",
        "bigr snmp add 192.168.1.2 --community public --label \"Core switch\"\nbigr snmp scan"));
      bigr.$("ports").replaceChildren();
      return;
    }
    const table = bigr.table([
      { key: "host", label: "Switch", render: s => el("a", { href: "/switches?host=" + encodeURIComponent(s.host), class: "mono",
        onclick: (e) => { e.preventDefault(); choose(s.host); } }, s.host) },
      { key: "label", label: "Label" },
      { key: "version", label: "SNMP", render: s => "v" + s.version + (s.snmp_user ? " (" + s.snmp_user + ")" : "") },
      { key: "credentials_configured", label: "Credentials", render: s => s.credentials_configured ? "configured" : el("span", { class: "low" }, "missing") },
      { key: "mac_count", label: "MACs", class: "num", render: s => bigr.number(s.mac_count) },
      { key: "last_polled", label: "Last polled", render: s => s.last_polled ? bigr.timeAgo(s.last_polled) : el("span", { class: "meta" }, "never") }
    ], page.switches);
    table.id = "switch-list";
    [...table.querySelectorAll("tbody tr")].forEach((tr, i) => { tr.dataset.host = page.switches[i].host; });
    out.replaceChildren(table, el("p", { class: "hint" }, "Click a switch to see which asset is on which port."));
    const host = chosen || page.switches[0].host;
    await choose(host);
  });
  bigr.$("refresh").addEventListener("click", reload);
})();
