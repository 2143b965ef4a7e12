// The shared header of every dashboard page: product name, the page links (the current one marked), the token form
// for servers that need a bearer token for reads, and the error box. Loaded after bigr.js, before the page script.
"use strict";
window.bigrNav = (reload) => {
  const { el } = bigr;
  const PAGES = [
    ["/", "Inventory"], ["/topology", "Topology"], ["/compliance", "Compliance"], ["/analytics", "Analytics"],
    ["/risk", "Risk"], ["/vulnerabilities", "Vulnerabilities"], ["/scans", "Scans"], ["/changes", "Changes"],
    ["/certificates", "Certificates"], ["/switches", "Switches"], ["/subnets", "Subnets"]
  ];
  const here = location.pathname.replace(/\/+$/, "") || "/";
  const current = here.startsWith("/assets/") ? "/" : here;
  const links = PAGES.map(([href, label]) =>
    el("a", { href, class: href === current ? "active" : null, "aria-current": href === current ? "page" : null }, label));
  const input = el("input", { id: "token", type: "password", autocomplete: "off", placeholder: "API token" });
  const form = el("form", { id: "token-form", hidden: true },
    el("label", {}, "API token ", input), el("button", { type: "submit" }, "Use token"),
    el("span", { class: "hint" }, "This server needs a bearer token. It is kept in this tab only."));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    bigr.setToken(input.value.trim());
    form.hidden = true;
    if (reload) reload();
  });
  const header = el("header", { class: "site" },
    el("a", { href: "/", class: "brand" }, "BİGR Discovery"),
    el("nav", { "aria-label": "Pages" }, links));
  const error = document.getElementById("error") || el("section", { id: "error", class: "error", role: "alert", hidden: true });
  document.body.prepend(header, form, error);
};
