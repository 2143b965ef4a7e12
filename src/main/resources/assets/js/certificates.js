// Certificates page (/certificates): GET /api/certificates?sort=expiry (docs/DOMAIN.md §3.14), soonest expiry first,
// expired ones on top; expiry is recomputed by the server on every read.
"use strict";
(() => {
  const { el, api } = bigr;
  const LIMIT = 1000;

  function expiry(c) {
    if (c.days_until_expiry === null || c.days_until_expiry === undefined) return el("span", { class: "meta" }, "unknown");
    const d = c.days_until_expiry;
    const cls = c.is_expired ? "sev-critical" : d <= 30 ? "sev-high" : d <= 90 ? "sev-medium" : "status-online";
    const text = c.is_expired ? "expired " + Math.abs(d) + (Math.abs(d) === 1 ? " day" : " days") + " ago"
      : d === 0 ? "expires today" : "in " + d + (d === 1 ? " day" : " days");
    return el("span", { class: "badge " + cls, dataset: { days: d } }, text);
  }

  const columns = [
    { key: "expiry", label: "Expires", render: expiry },
    { key: "valid_to", label: "Valid until", render: c => bigr.dateTime(c.valid_to) },
    { key: "cn", label: "Common name", render: c => el("b", {}, c.cn || "") },
    { key: "endpoint", label: "Endpoint", render: c => el("span", {}, bigr.assetLink(c.ip), el("span", { class: "mono" }, ":" + c.port)) },
    { key: "issuer", label: "Issuer", render: c => [c.issuer, c.issuer_org && c.issuer_org !== c.issuer ? " (" + c.issuer_org + ")" : ""].join("") },
    { key: "self_signed", label: "Self-signed", render: c => c.is_self_signed ? el("span", { class: "badge sev-medium" }, "self-signed") : "" },
    { key: "key", label: "Key", render: c => [c.key_algorithm, c.key_size].filter(v => v !== null && v !== undefined).join(" ") },
    { key: "san", label: "Names (SAN)", render: c => (c.san || []).join(", ") },
    { key: "last_checked", label: "Checked", render: c => bigr.timeAgo(c.last_checked) }
  ];

  function card(label, value, cls) {
    return el("div", { class: "card static " + cls, dataset: { figure: label } }, el("div", { class: "n" }, value), el("div", {}, label));
  }

  const within = bigr.$("within");
  within.value = bigrPages.query().within || "";
  const reload = bigr.page(async () => {
    const days = within.value;
    bigrPages.setQuery({ within: days });
    const path = "/api/certificates?sort=expiry&limit=" + LIMIT + (days ? "&expiring_within=" + days : "");
    const [page] = await Promise.all([api(path), bigrPages.dataAge()]);
    const certs = days === "0" ? page.certificates.filter(c => c.is_expired) : page.certificates;
    bigr.$("count").textContent = bigr.number(days === "0" ? certs.length : page.total) + " certificates"
      + (page.total > page.certificates.length ? " (the " + LIMIT + " expiring soonest are listed)" : "");
    if (!days) {
      const count = (f) => page.certificates.filter(f).length;
      bigr.$("cert-cards").replaceChildren(card("Expired", count(c => c.is_expired), "sev-critical"),
        card("Within 30 days", count(c => !c.is_expired && c.days_until_expiry !== null && c.days_until_expiry <= 30), "sev-high"),
        card("Self-signed", count(c => c.is_self_signed), "sev-medium"), card("Total", bigr.number(page.total), "all"));
    }
    bigr.$("content").replaceChildren(!page.total && !days
      ? bigrPages.empty("No certificates yet: collect them from the TLS ports of your hosts.", "bigr certs scan HOST   # or: bigr scan 192.168.1.0/24 --certs")
      : el("div", { id: "certs" }, bigr.table(columns, certs, "No certificate " + (days === "0" ? "has expired." : "expires within " + days + " days."))));
  });
  within.addEventListener("change", reload);
  bigr.$("refresh").addEventListener("click", reload);
})();
