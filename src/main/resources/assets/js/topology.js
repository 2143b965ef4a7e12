// Topology page (/topology): GET /api/topology (or /api/topology/subnet/{cidr}, docs/DOMAIN.md §6.8) drawn as SVG.
// Layout is deterministic and linear in the node count: each /24 subnet is a cluster with its devices on a sunflower
// spiral around it, clusters on a grid, switches in a row above with their uplinks. Wheel zooms around the pointer,
// drag pans, a click on a device opens its asset page.
"use strict";
(() => {
  const { el, api } = bigr;
  const { svg } = bigrCharts;
  // Above this many devices only subnets and switches are drawn until one subnet is chosen: thousands of SVG nodes
  // make the page sluggish, and nobody reads them at once.
  const MAX_DEVICES = 2500;
  const TYPE_LABELS = { subnet: "Subnet", switch: "Switch", gateway: "Gateway", device: "Device" };
  const view = { x: 0, y: 0, k: 1 };
  let bounds = { x: 0, y: 0, w: 800, h: 600 };
  const graph = bigr.$("graph");
  const tip = bigr.$("tip");

  function layout(topo, drawDevices) {
    const byId = new Map(topo.nodes.map(n => [n.id, n]));
    const subnets = topo.nodes.filter(n => n.type === "subnet");
    const switches = topo.nodes.filter(n => n.type === "switch");
    const members = new Map(subnets.map(s => [s.id, []]));
    const loose = [];
    for (const n of topo.nodes) {
      if (n.type !== "device" && n.type !== "gateway") continue;
      (members.has(n.subnet) ? members.get(n.subnet) : loose).push(n);
    }
    const pos = new Map();
    const spacing = 22;
    const radius = (count) => 40 + spacing * Math.sqrt(Math.max(1, count));
    const cell = 2 * Math.max(60, ...subnets.map(s => radius(drawDevices ? members.get(s.id).length : 0))) + 40;
    const cols = Math.max(1, Math.ceil(Math.sqrt(subnets.length)));
    subnets.forEach((s, i) => {
      const cx = (i % cols) * cell + cell / 2, cy = Math.floor(i / cols) * cell + cell / 2 + 120;
      pos.set(s.id, { x: cx, y: cy });
      if (!drawDevices) return;
      // Gateway first, closest to the subnet; then the rest on a sunflower spiral (even spacing, no overlaps).
      const list = members.get(s.id).slice().sort((a, b) => (a.type === "gateway" ? -1 : 0) - (b.type === "gateway" ? -1 : 0));
      list.forEach((n, j) => {
        const r = 38 + spacing * Math.sqrt(j + 0.5);
        const a = j * 2.39996323;
        pos.set(n.id, { x: cx + r * Math.cos(a), y: cy + r * Math.sin(a) });
      });
    });
    const width = Math.max(cols * cell, switches.length * 140);
    switches.forEach((s, i) => pos.set(s.id, { x: (i + 0.5) * width / switches.length, y: 30 }));
    if (drawDevices) loose.forEach((n, j) => pos.set(n.id, { x: 30 + (j % 40) * 24, y: -40 - Math.floor(j / 40) * 24 }));
    return { pos, byId };
  }

  function describe(n) {
    const lines = [n.label + " (" + (TYPE_LABELS[n.type] || n.type) + ")"];
    if (n.ip && n.ip !== n.label) lines.push(n.ip);
    if (n.vendor) lines.push(n.vendor);
    if (n.bigr_category) lines.push(bigr.categoryLabel(n.bigr_category) + " · " + Math.round(n.confidence * 100) + "%");
    if (n.open_ports && n.open_ports.length) lines.push("ports " + n.open_ports.join(", "));
    if (n.switch_port) lines.push("switch port " + n.switch_port);
    return lines;
  }

  function draw(topo, drawDevices) {
    const { pos } = layout(topo, drawDevices);
    const edges = svg("g", { class: "edges" });
    const nodes = svg("g", { class: "nodes" });
    for (const e of topo.edges) {
      const a = pos.get(e.source), b = pos.get(e.target);
      if (!a || !b) continue;
      edges.append(svg("line", { x1: a.x, y1: a.y, x2: b.x, y2: b.y, class: "edge " + e.type.replace(/\s+/g, "-"),
        "data-source": e.source, "data-target": e.target }));
    }
    // Subnets and switches under the devices, so a device is never hidden by its cluster's hub.
    const order = { subnet: 0, switch: 1, gateway: 3, device: 2 };
    const shown = topo.nodes.filter(n => pos.has(n.id)).sort((a, b) => order[a.type] - order[b.type]);
    for (const n of shown) {
      const p = pos.get(n.id);
      const r = Math.max(5, n.size / 2);
      const shape = n.type === "switch"
        ? svg("rect", { x: p.x - r, y: p.y - r * 0.7, width: 2 * r, height: 1.4 * r, rx: 3, fill: n.color })
        : svg("circle", { cx: p.x, cy: p.y, r, fill: n.color });
      const g = svg("g", { class: "node " + n.type, tabindex: 0, role: "button", "data-id": n.id, "data-type": n.type,
        "aria-label": describe(n).join(", ") }, shape, svg("title", {}, describe(n).join("\n")));
      if (n.type !== "device") {
        g.append(svg("text", { x: p.x, y: p.y + r + 13, "text-anchor": "middle", class: "node-label" }, n.label));
      } else {
        g.append(svg("text", { x: p.x, y: p.y + r + 10, "text-anchor": "middle", class: "node-label device-label" }, n.label));
      }
      nodes.append(g);
    }
    const viewport = svg("g", { id: "viewport" }, edges, nodes);
    graph.replaceChildren(viewport);
    const xs = [...pos.values()].map(p => p.x), ys = [...pos.values()].map(p => p.y);
    bounds = xs.length ? { x: Math.min(...xs) - 60, y: Math.min(...ys) - 40, w: Math.max(...xs) - Math.min(...xs) + 120,
      h: Math.max(...ys) - Math.min(...ys) + 100 } : { x: 0, y: 0, w: 800, h: 600 };
    fit();
  }

  // ------------------------------------------------------------------------------------ zoom and pan
  function apply() {
    const vp = bigr.$("viewport");
    if (vp) vp.setAttribute("transform", `translate(${view.x},${view.y}) scale(${view.k})`);
    graph.classList.toggle("zoomed-in", view.k >= 1.6);
  }

  function fit() {
    const box = graph.getBoundingClientRect();
    const w = box.width || 800, h = box.height || 560;
    view.k = Math.min(4, Math.min(w / bounds.w, h / bounds.h));
    view.x = (w - bounds.w * view.k) / 2 - bounds.x * view.k;
    view.y = (h - bounds.h * view.k) / 2 - bounds.y * view.k;
    apply();
  }

  function zoomAt(factor, px, py) {
    const k = Math.min(20, Math.max(0.05, view.k * factor));
    view.x = px - (px - view.x) * (k / view.k);
    view.y = py - (py - view.y) * (k / view.k);
    view.k = k;
    apply();
  }

  graph.addEventListener("wheel", (e) => {
    e.preventDefault();
    const r = graph.getBoundingClientRect();
    zoomAt(e.deltaY < 0 ? 1.2 : 1 / 1.2, e.clientX - r.left, e.clientY - r.top);
  }, { passive: false });

  let drag = null;
  graph.addEventListener("pointerdown", (e) => {
    drag = { x: e.clientX, y: e.clientY, vx: view.x, vy: view.y, moved: false };
  });
  window.addEventListener("pointermove", (e) => {
    if (!drag) return;
    const dx = e.clientX - drag.x, dy = e.clientY - drag.y;
    if (Math.abs(dx) + Math.abs(dy) > 4) drag.moved = true;
    if (drag.moved) {
      view.x = drag.vx + dx;
      view.y = drag.vy + dy;
      apply();
      graph.classList.add("panning");
    }
  });
  window.addEventListener("pointerup", () => {
    graph.classList.remove("panning");
    setTimeout(() => { drag = null; }, 0);
  });

  bigr.$("zoom-in").addEventListener("click", () => { const r = graph.getBoundingClientRect(); zoomAt(1.4, r.width / 2, r.height / 2); });
  bigr.$("zoom-out").addEventListener("click", () => { const r = graph.getBoundingClientRect(); zoomAt(1 / 1.4, r.width / 2, r.height / 2); });
  bigr.$("reset").addEventListener("click", fit);

  // ------------------------------------------------------------------------------------ clicks and hover
  function activate(g) {
    const id = g.dataset.id, type = g.dataset.type;
    if (type === "device" || type === "gateway") location.href = bigr.assetUrl(id);
    else if (type === "subnet") { bigr.$("subnet").value = id; reload(); }
    else if (type === "switch") location.href = "/switches?host=" + encodeURIComponent(id.replace(/^switch:/, ""));
  }

  graph.addEventListener("click", (e) => {
    if (drag && drag.moved) return;
    const g = e.target.closest("g.node");
    if (g) activate(g);
  });
  graph.addEventListener("keydown", (e) => {
    const g = e.target.closest && e.target.closest("g.node");
    if (g && (e.key === "Enter" || e.key === " ")) { e.preventDefault(); activate(g); }
  });
  graph.addEventListener("pointerover", (e) => {
    const g = e.target.closest("g.node");
    if (!g) { tip.hidden = true; return; }
    tip.textContent = g.getAttribute("aria-label");
    const r = graph.getBoundingClientRect(), b = g.getBoundingClientRect();
    tip.style.left = (b.left - r.left + b.width + 8) + "px";
    tip.style.top = (b.top - r.top) + "px";
    tip.hidden = false;
  });
  graph.addEventListener("pointerleave", () => { tip.hidden = true; });

  // Find: highlight the matching nodes and centre on the first one.
  bigr.$("find").addEventListener("input", () => {
    const q = bigr.$("find").value.trim().toLowerCase();
    let first = null;
    for (const g of graph.querySelectorAll("g.node")) {
      const hit = q !== "" && g.getAttribute("aria-label").toLowerCase().includes(q);
      g.classList.toggle("hit", hit);
      if (hit && !first) first = g;
    }
    graph.classList.toggle("finding", q !== "");
    if (first) {
      const shape = first.firstElementChild;
      const cx = +(shape.getAttribute("cx") || (+shape.getAttribute("x") + shape.getAttribute("width") / 2));
      const cy = +(shape.getAttribute("cy") || (+shape.getAttribute("y") + shape.getAttribute("height") / 2));
      const r = graph.getBoundingClientRect();
      view.k = Math.max(view.k, 2);
      view.x = r.width / 2 - cx * view.k;
      view.y = r.height / 2 - cy * view.k;
      apply();
    }
  });

  // ------------------------------------------------------------------------------------ load
  const legendItems = [
    ["Ağ ve Sistemler", "#3b82f6"], ["Uygulamalar", "#8b5cf6"], ["IoT", "#10b981"], ["Taşınabilir Cihazlar", "#f59e0b"],
    ["Sınıflandırılmamış", "#6b7280"], ["Subnet", "#334155"], ["Switch", "#60a5fa"]
  ].map(([label, color]) => ({ label, color }));
  bigr.$("legend").replaceChildren(bigrCharts.legend(legendItems));

  let subnetsKnown = [];
  let fromUrl = bigrPages.query().subnet || ""; // a linked /topology?subnet=CIDR, used by the first load only
  const reload = bigr.page(async () => {
    const picked = fromUrl || bigr.$("subnet").value;
    fromUrl = "";
    const path = picked ? "/api/topology/subnet/" + encodeURIComponent(picked) : "/api/topology";
    const [topo] = await Promise.all([api(path), bigrPages.dataAge()]);
    bigrPages.setQuery({ subnet: picked });
    if (!picked) subnetsKnown = topo.nodes.filter(n => n.type === "subnet").map(n => n.id);
    const select = bigr.$("subnet");
    select.replaceChildren(el("option", { value: "" }, "All subnets"),
      ...subnetsKnown.concat(picked && !subnetsKnown.includes(picked) ? [picked] : [])
        .map(c => el("option", { value: c, selected: c === picked }, c)));
    const devices = topo.nodes.filter(n => n.type === "device" || n.type === "gateway").length;
    const drawDevices = devices <= MAX_DEVICES;
    const types = Object.entries(topo.stats.node_types).map(([t, n]) => bigr.number(n) + " " + t + (n === 1 ? "" : "s"));
    bigr.$("topology-stats").textContent = topo.nodes.length
      ? types.join(" · ") + " · " + bigr.number(topo.stats.total_edges) + " links"
        + (drawDevices ? "" : " · " + bigr.number(devices) + " devices are too many to draw at once: choose a subnet")
      : "";
    const empty = bigr.$("topology-empty");
    if (!topo.nodes.length) {
      empty.replaceChildren(picked
        ? bigrPages.empty("No assets in " + picked + " yet: scan it.", "bigr scan " + picked)
        : bigrPages.empty("No assets yet: scan a network, then refresh this page.", "bigr scan 192.168.1.0/24"));
      bigr.$("graph-box").hidden = true;
      graph.replaceChildren();
      return;
    }
    empty.replaceChildren();
    bigr.$("graph-box").hidden = false;
    draw(topo, drawDevices);
  });
  bigr.$("subnet").addEventListener("change", reload);
  bigr.$("refresh").addEventListener("click", reload);
  window.addEventListener("resize", fit);
})();
