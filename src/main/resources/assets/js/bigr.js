// BİGR Discovery dashboard: the helpers every page shares (no framework, no build step, nothing from another host).
// Pages call bigr.page(async () => {...}): it draws the header, runs the page's first load, shows any error and
// marks <body data-ready="ok|error"> so browser tests know the page finished.
"use strict";
const bigr = (() => {
  const TOKEN_KEY = "bigr-token";
  // Categories and their Turkish labels (docs/DOMAIN.md §2.1), in tie-break order.
  const CATEGORY_LABELS = {
    ag_ve_sistemler: "Ağ ve Sistemler", uygulamalar: "Uygulamalar", iot: "IoT",
    tasinabilir: "Taşınabilir Cihazlar", unclassified: "Sınıflandırılmamış"
  };
  const STATUS_LABELS = { online: "Online", missed: "Missed", gone: "Gone" };

  class AuthError extends Error {}

  const $ = (id) => document.getElementById(id);

  function text(v) { return v === null || v === undefined ? "" : String(v); }

  // el("a", {href: "/x", class: "badge", dataset: {ip: "1"}, onclick: fn}, "text", childNode, ...)
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") e.className = v;
      else if (k === "dataset") Object.assign(e.dataset, v);
      else if (k.startsWith("on") && typeof v === "function") e.addEventListener(k.slice(2), v);
      else if (k === "text") e.textContent = text(v);
      else e.setAttribute(k, v === true ? "" : v);
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === false) continue;
      e.append(c instanceof Node ? c : text(c));
    }
    return e;
  }

  function token() { return sessionStorage.getItem(TOKEN_KEY); }
  function setToken(t) { if (t) sessionStorage.setItem(TOKEN_KEY, t); else sessionStorage.removeItem(TOKEN_KEY); }

  function headers(extra) {
    const h = Object.assign({ Accept: "application/json" }, extra || {});
    const t = token();
    if (t) h.Authorization = "Bearer " + t;
    return h;
  }

  // JSON request to the API of this origin with the bearer token when one was given. Throws AuthError on 401
  // (and shows the token form), Error(body.error) on another non-2xx answer.
  async function api(path, options) {
    const opts = options || {};
    const init = { method: opts.method || "GET", headers: headers() };
    if (opts.body !== undefined) {
      init.body = typeof opts.body === "string" ? opts.body : JSON.stringify(opts.body);
      init.headers["Content-Type"] = "application/json";
    }
    const res = await fetch(path, init);
    if (res.status === 401) {
      showTokenForm();
      throw new AuthError("This server needs an API token for this request: enter it above.");
    }
    let body = null;
    const type = res.headers.get("Content-Type") || "";
    if (type.includes("json")) body = await res.json();
    if (!res.ok) {
      const err = new Error((body && body.error) || ("HTTP " + res.status));
      err.status = res.status;
      err.body = body;
      throw err;
    }
    return body;
  }

  // Downloads path (with the token) as a file named by the server's Content-Disposition or fallbackName.
  async function download(path, fallbackName) {
    const res = await fetch(path, { headers: headers({ Accept: "*/*" }) });
    if (res.status === 401) { showTokenForm(); throw new AuthError("This server needs an API token to export."); }
    if (!res.ok) {
      let msg = "HTTP " + res.status;
      try { msg = (await res.json()).error || msg; } catch (e) { /* not JSON */ }
      throw new Error(msg);
    }
    const blob = await res.blob();
    const m = /filename="([^"]+)"/.exec(res.headers.get("Content-Disposition") || "");
    const a = el("a", { href: URL.createObjectURL(blob), download: m ? m[1] : fallbackName });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 60000);
    return { rows: res.headers.get("X-Total-Count"), name: a.download };
  }

  // ----------------------------------------------------------------------------------------- formatting

  // "3 min ago", "in 20 days"; "" for no time.
  function age(iso, now) {
    if (!iso) return "";
    const t = Date.parse(iso);
    if (isNaN(t)) return text(iso);
    let s = Math.round(((now || Date.now()) - t) / 1000);
    const future = s < 0;
    s = Math.abs(s);
    const units = [["year", 31536000], ["month", 2592000], ["day", 86400], ["h", 3600], ["min", 60]];
    let out = s + " s";
    for (const [name, size] of units) {
      if (s >= size) {
        const n = Math.floor(s / size);
        out = n + (name === "h" || name === "min" ? " " + name : " " + name + (n === 1 ? "" : "s"));
        break;
      }
    }
    if (s < 10) return "just now";
    return future ? "in " + out : out + " ago";
  }

  // Local date and time "2026-01-15 13:00" of an ISO timestamp.
  function dateTime(iso) {
    if (!iso) return "";
    const d = new Date(iso);
    if (isNaN(d)) return text(iso);
    const p = (n) => String(n).padStart(2, "0");
    return d.getFullYear() + "-" + p(d.getMonth() + 1) + "-" + p(d.getDate()) + " " + p(d.getHours()) + ":" + p(d.getMinutes());
  }

  // <time> with the relative age as text and the exact time as tooltip.
  function timeAgo(iso) {
    return el("time", { datetime: iso || "", title: dateTime(iso) }, age(iso));
  }

  function number(n) { return n === null || n === undefined ? "" : Number(n).toLocaleString("en-US"); }

  function categoryLabel(value) { return CATEGORY_LABELS[value] || text(value); }

  function categoryBadge(value, manual) {
    const b = el("span", { class: "badge cat-" + text(value), dataset: { category: text(value) } }, categoryLabel(value));
    return manual ? el("span", {}, b, el("span", { class: "badge manual", title: "Manual tag" }, "Manual")) : b;
  }

  function statusBadge(status) {
    return el("span", { class: "badge status-" + text(status), dataset: { status: text(status) } },
      STATUS_LABELS[status] || text(status));
  }

  function level(score) { return score >= 0.7 ? "high" : score >= 0.4 ? "medium" : "low"; }

  function assetUrl(ip) { return "/assets/" + encodeURIComponent(ip); }

  function assetLink(ip) { return el("a", { href: assetUrl(ip), class: "ip" }, ip); }

  // Fills tbody from rows: columns are {key, label, render(row) -> Node|string, class}. Returns the tbody.
  function fillTable(tbody, rows, columns, empty) {
    const frag = document.createDocumentFragment();
    for (const row of rows) {
      const tr = el("tr");
      for (const c of columns) {
        const v = c.render ? c.render(row) : row[c.key];
        tr.append(el("td", { class: c.class, dataset: { col: c.key } }, v));
      }
      frag.append(tr);
    }
    if (!rows.length && empty) {
      frag.append(el("tr", { class: "empty" }, el("td", { colspan: columns.length }, empty)));
    }
    tbody.replaceChildren(frag);
    return tbody;
  }

  // A whole <table> with a header row.
  function table(columns, rows, empty) {
    const thead = el("thead", {}, el("tr", {}, columns.map(c => el("th", { dataset: { col: c.key } }, c.label))));
    const tbody = el("tbody");
    fillTable(tbody, rows, columns, empty);
    return el("table", { class: "data" }, thead, tbody);
  }

  // ----------------------------------------------------------------------------------------- page frame

  function showError(message) {
    const box = $("error");
    if (!box) return;
    box.textContent = message;
    box.hidden = !message;
  }

  function showTokenForm() {
    const f = $("token-form");
    if (f) f.hidden = false;
  }

  // Runs a page: header first, then load(); errors go to the #error box; <body data-ready> says it finished.
  // Returns a function that runs load() again (the refresh button).
  function page(load) {
    const run = async () => {
      showError("");
      try {
        await load();
        document.body.dataset.readyMs = Math.round(performance.now()); // since navigation start (the benchmark reads it)
        document.body.dataset.ready = "ok";
      } catch (e) {
        showError(e.message);
        document.body.dataset.ready = "error";
        if (!(e instanceof AuthError) && !e.status) console.warn(e); // a bug, not an API answer: keep its trace
      }
    };
    const start = () => { if (window.bigrNav) window.bigrNav(run); run(); };
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
    else start();
    return run;
  }

  return {
    CATEGORY_LABELS, STATUS_LABELS, AuthError, $, text, el, api, download, token, setToken, age, dateTime, timeAgo,
    number, categoryLabel, categoryBadge, statusBadge, level, assetUrl, assetLink, fillTable, table, showError,
    showTokenForm, page
  };
})();
