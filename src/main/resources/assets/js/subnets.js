// Subnets page (/subnets): the registered subnets of GET /api/subnets (docs/DOMAIN.md §3.12), added and relabelled
// with POST /api/subnets and removed with DELETE /api/subnets/{cidr}. Writes need the API token: a 401 opens the
// token form.
"use strict";
(() => {
  const { el, api } = bigr;

  function note(text, ok) {
    const n = bigr.$("form-note");
    n.textContent = text;
    n.className = ok ? "ok-note" : "meta";
  }

  // POST replaces label and vlan_id together, so a relabel sends the VLAN it had.
  async function save(cidr, label, vlan) {
    return api("/api/subnets", { method: "POST", body: { cidr, label, vlan_id: vlan === "" || vlan === null ? null : Number(vlan) } });
  }

  function actions(s) {
    const relabel = el("button", { type: "button", class: "relabel", "aria-label": "Relabel " + s.cidr }, "Relabel");
    const remove = el("button", { type: "button", class: "remove", "aria-label": "Remove " + s.cidr }, "Remove");
    relabel.addEventListener("click", () => {
      const row = relabel.closest("tr");
      const cell = row.querySelector("td[data-col=label]");
      const input = el("input", { type: "text", class: "label-input", value: s.label || "", maxlength: 200, "aria-label": "New label of " + s.cidr });
      const vlan = el("input", { type: "number", class: "vlan-input", min: 1, max: 4094, value: s.vlan_id === null ? "" : s.vlan_id,
        style: "width:6em", "aria-label": "VLAN of " + s.cidr });
      const ok = el("button", { type: "button", class: "primary save" }, "Save");
      const cancel = el("button", { type: "button" }, "Cancel");
      const form = el("span", { class: "toolbar" }, input, "VLAN", vlan, ok, cancel);
      cell.replaceChildren(form);
      input.focus();
      cancel.addEventListener("click", reload);
      const submit = async () => {
        try {
          const saved = await save(s.cidr, input.value.trim(), vlan.value.trim());
          note("Saved " + saved.cidr + (saved.label ? " as \u201c" + saved.label + "\u201d" : "") + ".", true);
          await reload();
        } catch (e) { bigr.showError(e.message); }
      };
      ok.addEventListener("click", submit);
      input.addEventListener("keydown", (e) => { if (e.key === "Enter") submit(); if (e.key === "Escape") reload(); });
    });
    // Two steps instead of a confirm() dialog: the first click asks, the second removes.
    remove.addEventListener("click", async () => {
      if (!remove.classList.contains("armed")) {
        remove.classList.add("armed");
        remove.textContent = "Remove " + s.cidr + "?";
        setTimeout(() => { if (remove.isConnected) { remove.classList.remove("armed"); remove.textContent = "Remove"; } }, 5000);
        return;
      }
      try {
        await api("/api/subnets/" + encodeURIComponent(s.cidr), { method: "DELETE" });
        note("Removed " + s.cidr + ".", true);
        await reload();
      } catch (e) { bigr.showError(e.message); }
    });
    return el("span", { class: "toolbar" }, relabel, remove);
  }

  const reload = bigr.page(async () => {
    const [page] = await Promise.all([api("/api/subnets?limit=1000"), bigrPages.dataAge()]);
    const out = bigr.$("content");
    if (!page.subnets.length) {
      out.replaceChildren(bigrPages.empty("No subnets registered yet: add one above (or with the command below). "
        + "Registered subnets get a compliance score each and are scanned by bigr scan --all.", "bigr subnets add 192.168.1.0/24 --label Office --vlan 10"));
      return;
    }
    const table = bigr.table([
      { key: "cidr", label: "Network", render: s => el("a", { href: "/topology?subnet=" + encodeURIComponent(s.cidr), class: "mono" }, s.cidr) },
      { key: "label", label: "Label" },
      { key: "vlan_id", label: "VLAN", class: "num" },
      { key: "asset_count", label: "Assets (last scan)", class: "num", render: s => bigr.number(s.asset_count) },
      { key: "last_scanned", label: "Last scanned", render: s => s.last_scanned ? bigr.timeAgo(s.last_scanned)
        : el("span", { class: "meta", title: "bigr scan " + s.cidr }, "never (scan exactly this network)") },
      { key: "actions", label: "", render: actions }
    ], page.subnets);
    table.id = "subnet-table";
    [...table.querySelectorAll("tbody tr")].forEach((tr, i) => { tr.dataset.cidr = page.subnets[i].cidr; });
    out.replaceChildren(table, page.next_offset !== null ? el("p", { class: "meta" }, "The first " + page.subnets.length + " of " + page.total + " are listed.") : "");
  });

  bigr.$("add-subnet").addEventListener("submit", async (e) => {
    e.preventDefault();
    bigr.showError("");
    try {
      const saved = await save(bigr.$("new-cidr").value.trim(), bigr.$("new-label").value.trim(), bigr.$("new-vlan").value.trim());
      note("Added " + saved.cidr + (saved.label ? " \u201c" + saved.label + "\u201d" : "") + ".", true);
      for (const id of ["new-cidr", "new-label", "new-vlan"]) bigr.$(id).value = "";
      await reload();
    } catch (err) { bigr.showError(err.message); }
  });
  bigr.$("refresh").addEventListener("click", reload);
})();
