// Asset detail page ("/assets/{ip}").
"use strict";
(() => {
  const { el, api } = bigr;
  const ip = decodeURIComponent(location.pathname.slice("/assets/".length));
  bigr.page(async () => {
    const main = bigr.$("asset");
    try {
      const body = await api("/api/assets/" + encodeURIComponent(ip));
      main.replaceChildren(el("h1", {}, body.asset.ip));
    } catch (e) {
      if (e.status === 404 || e.status === 400) {
        main.replaceChildren(el("h1", {}, ip || "Asset"), el("p", { id: "not-found", class: "notice" },
          "No asset with the IP address “" + ip + "” is in the inventory."));
        return;
      }
      throw e;
    }
  });
})();
