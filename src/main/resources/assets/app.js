// BİGR Discovery dashboard: reads /api/data, /api/changes and /api/subnets; no framework, no build step.
"use strict";
const LABELS = {
  ag_ve_sistemler: "Ağ ve Sistemler", uygulamalar: "Uygulamalar", iot: "IoT",
  tasinabilir: "Taşınabilir Cihazlar", unclassified: "Sınıflandırılmamış"
};
const state = { assets: [], subnet: "" };
// Rows drawn at once: a browser table of 100,000 rows freezes the tab; the count line says when more match.
const MAX_ROWS = 1000;
const $ = (id) => document.getElementById(id);

function text(v) { return v === null || v === undefined ? "" : String(v); }

function cell(row, value, cls) {
  const td = document.createElement("td");
  td.textContent = text(value);
  if (cls) td.className = cls;
  row.appendChild(td);
  return td;
}

async function api(path) {
  const headers = { Accept: "application/json" };
  const token = sessionStorage.getItem("bigr-token");
  if (token) headers.Authorization = "Bearer " + token;
  const res = await fetch(path, { headers });
  if (res.status === 401) {
    $("auth").hidden = false;
    throw new Error("A token is required to read this server's data.");
  }
  const body = await res.json();
  if (!res.ok) throw new Error(body.error || ("HTTP " + res.status));
  return body;
}

function renderCards(summary) {
  const cards = $("cards");
  cards.replaceChildren();
  for (const key of Object.keys(LABELS)) {
    const n = summary[key] || 0;
    if (key === "unclassified" && n === 0) continue;
    const div = document.createElement("div");
    div.className = "card " + key;
    const count = document.createElement("div");
    count.className = "n";
    count.textContent = n;
    const label = document.createElement("div");
    label.textContent = LABELS[key];
    div.append(count, label);
    cards.appendChild(div);
  }
}

// IPv4 in numeric order (10.0.0.2 before 10.0.0.10), anything else after them in text order.
function ipKey(ip) {
  const p = text(ip).split(".");
  if (p.length !== 4 || p.some(x => !/^\d{1,3}$/.test(x))) return null;
  return ((+p[0] * 256 + +p[1]) * 256 + +p[2]) * 256 + +p[3];
}
function byIp(a, b) {
  const x = ipKey(a.ip), y = ipKey(b.ip);
  if (x !== null && y !== null) return x - y;
  if (x !== null || y !== null) return x !== null ? -1 : 1;
  return text(a.ip) < text(b.ip) ? -1 : text(a.ip) > text(b.ip) ? 1 : 0;
}

function level(score) { return score >= 0.7 ? "high" : score >= 0.4 ? "medium" : "low"; }

function renderAssets() {
  const q = $("search").value.trim().toLowerCase();
  const cat = $("category").value;
  const body = $("assets").tBodies[0];
  body.replaceChildren();
  let shown = 0;
  let matching = 0;
  const rows = document.createDocumentFragment();
  for (const a of state.assets) {
    const category = a.manual_category || a.bigr_category;
    if (cat && category !== cat) continue;
    if (q && ![a.ip, a.mac, a.hostname, a.vendor, a.os_hint].map(text).join(" ").toLowerCase().includes(q)) continue;
    matching++;
    if (shown >= MAX_ROWS) continue;
    const tr = document.createElement("tr");
    cell(tr, a.ip); cell(tr, a.mac); cell(tr, a.hostname); cell(tr, a.vendor);
    cell(tr, (a.open_ports || []).join(", "));
    const td = cell(tr, "");
    const badge = document.createElement("span");
    badge.className = "badge";
    badge.textContent = LABELS[category] || category;
    td.appendChild(badge);
    if (a.manual_override) {
      const m = document.createElement("span");
      m.className = "badge manual";
      m.textContent = "Manual";
      td.appendChild(m);
    }
    cell(tr, Number(a.confidence_score).toFixed(2), level(a.confidence_score));
    cell(tr, a.os_hint);
    rows.appendChild(tr);
    shown++;
  }
  body.appendChild(rows);
  $("count").textContent = (matching > shown
    ? "showing the first " + shown + " of " + matching + " matching (search or filter to narrow)"
    : matching + " matching") + " · " + state.assets.length + " assets";
}

function renderChanges(changes) {
  const body = $("changes").tBodies[0];
  body.replaceChildren();
  for (const c of changes) {
    const tr = document.createElement("tr");
    cell(tr, c.detected_at); cell(tr, c.ip); cell(tr, c.change_type); cell(tr, c.field_name);
    cell(tr, c.old_value); cell(tr, c.new_value);
    body.appendChild(tr);
  }
}

async function loadData() {
  const path = "/api/data" + (state.subnet ? "?subnet=" + encodeURIComponent(state.subnet) : "");
  const data = await api(path);
  state.assets = (data.assets || []).sort(byIp);
  const duration = data.duration_seconds == null ? "-" : data.duration_seconds.toFixed(1) + "s";
  $("scan-meta").textContent = data.target
    ? "Target " + data.target + " · " + data.scan_method + " · " + duration + " · " + data.total_assets + " assets"
    : "No scan yet: run `bigr scan` or POST /api/scans";
  renderCards(data.category_summary || {});
  renderAssets();
}

async function load() {
  $("error").hidden = true;
  try {
    await loadData();
    const [changes, subnets] = await Promise.all([api("/api/changes?limit=50"), api("/api/subnets")]);
    renderChanges(changes.changes || []);
    const select = $("subnet");
    select.length = 1;
    for (const s of subnets.subnets || []) {
      select.add(new Option(s.cidr + (s.label ? " (" + s.label + ")" : ""), s.cidr));
    }
    select.value = state.subnet;
  } catch (e) {
    $("error").textContent = e.message;
    $("error").hidden = false;
  }
}

for (const [value, label] of Object.entries(LABELS)) $("category").add(new Option(label, value));
$("search").addEventListener("input", renderAssets);
$("category").addEventListener("change", renderAssets);
$("subnet").addEventListener("change", (e) => { state.subnet = e.target.value; loadData().catch(err => {
  $("error").textContent = err.message; $("error").hidden = false; }); });
$("token-form").addEventListener("submit", (e) => {
  e.preventDefault();
  sessionStorage.setItem("bigr-token", $("token").value);
  $("auth").hidden = true;
  load();
});
load();
