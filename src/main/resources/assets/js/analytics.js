// Analytics page (/analytics): GET /api/analytics?days=N (docs/DOMAIN.md §6.5) as trend charts: assets seen per
// day, assets per category, new assets, scans per day, and the assets that change most.
"use strict";
(() => {
  const { el, api } = bigr;

  function chartPanel(id, heading, chart, note) {
    return el("div", { class: "panel", id }, el("h2", {}, heading), chart, note || null);
  }

  const reload = bigr.page(async () => {
    const q = bigrPages.query();
    const select = bigr.$("days");
    if (q.days && !select.dataset.touched) select.value = q.days;
    if (select.selectedIndex < 0) select.value = "30"; // a linked window the menu does not offer
    const days = select.value;
    bigrPages.setQuery({ days: days === "30" ? "" : days });
    const [r] = await Promise.all([api("/api/analytics?days=" + encodeURIComponent(days)), bigrPages.dataAge()]);
    const out = bigr.$("content");
    const span = select.options[select.selectedIndex].textContent;
    const categories = r.category_trends.map(s => ({ name: s.name, label: bigr.categoryLabel(s.name),
      color: bigrCharts.CATEGORY_COLORS[s.name], points: s.points }));
    const newPoints = r.new_vs_removed.points;
    const inWindow = r.asset_count_trend.points.length || r.scan_frequency.length || newPoints.length;
    out.replaceChildren(
      inWindow ? el("section", { class: "panels", id: "charts" },
        chartPanel("asset-trend", "Assets seen per day", r.asset_count_trend.points.length
          ? bigrCharts.lineChart([{ name: "assets", label: "Assets", points: r.asset_count_trend.points }], { label: "Assets per day" })
          : el("p", { class: "meta" }, "No scan in the " + span + ".")),
        chartPanel("category-trend", "Assets per category",
          bigrCharts.lineChart(categories, { label: "Assets per category per day" }),
          bigrCharts.legend(categories)),
        chartPanel("new-assets", "New assets per day",
          newPoints.length ? bigrCharts.barChart(newPoints, { color: "#1f9d55", label: "New assets per day" })
            : el("p", { class: "meta" }, "No new asset in the " + span + ".")),
        chartPanel("scan-frequency", "Scans per day",
          bigrCharts.barChart(r.scan_frequency.map(d => ({ date: d.date, value: d.scan_count,
            label: d.scan_count + " scans, " + d.total_assets + " assets" })), { label: "Scans per day" })))
        : bigrPages.empty("No scan and no change in the " + span + ", so there is no trend to draw: choose a longer "
          + "window, or scan (or schedule scans) and come back.", "bigr scan 192.168.1.0/24"),
      el("h2", {}, "Most changed assets"),
      el("div", { id: "most-changed" }, bigr.table([
        { key: "ip", label: "IP", render: a => bigr.assetLink(a.ip) },
        { key: "hostname", label: "Hostname" },
        { key: "mac", label: "MAC" },
        { key: "change_count", label: "Changes", class: "num" },
        { key: "last_change", label: "Last change", render: a => bigr.timeAgo(a.last_change) }
      ], r.most_changed_assets, "No change logged yet: changes appear from the second scan of a network on.")));
  });
  bigr.$("days").addEventListener("change", () => { bigr.$("days").dataset.touched = "1"; reload(); });
  bigr.$("refresh").addEventListener("click", reload);
})();
