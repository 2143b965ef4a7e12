// Inventory page ("/"): GET /api/assets, one server-side page at a time.
"use strict";
(() => {
  const { el, api } = bigr;
  const reload = bigr.page(async () => {
    const [page, latest] = await Promise.all([api("/api/assets?sort=ip&limit=100"), api("/api/scans?limit=1")]);
    const cols = [
      { key: "ip", label: "IP", render: a => bigr.assetLink(a.ip) },
      { key: "mac", label: "MAC" }, { key: "hostname", label: "Hostname" }, { key: "vendor", label: "Vendor" },
      { key: "bigr_category", label: "Category", render: a => bigr.categoryBadge(a.bigr_category, a.manual_category) },
      { key: "status", label: "Status", render: a => bigr.statusBadge(a.status) }
    ];
    document.querySelector("#assets thead tr").replaceChildren(...cols.map(c => el("th", {}, c.label)));
    bigr.fillTable(document.querySelector("#assets tbody"), page.assets, cols, "No assets yet: run bigr scan.");
    const scan = (latest.scans || [])[0];
    bigr.$("data-age").textContent = scan ? "last scan " + bigr.age(scan.completed_at || scan.started_at) : "no scan yet";
  });
  bigr.$("refresh").addEventListener("click", reload);
})();
