// BİGR Discovery dashboard: small SVG charts drawn here (no library, nothing from another host). Used by the
// analytics and compliance pages. Every chart is an <svg class="chart"> with a <title> per mark, so a hover shows
// the exact value, and data-* attributes tests can read.
"use strict";
const bigrCharts = (() => {
  const NS = "http://www.w3.org/2000/svg";
  // Category colours of docs/DOMAIN.md §6.8, so charts and the topology agree.
  const CATEGORY_COLORS = {
    ag_ve_sistemler: "#3b82f6", uygulamalar: "#8b5cf6", iot: "#10b981", tasinabilir: "#f59e0b", unclassified: "#6b7280"
  };
  const PALETTE = ["#2d6cdf", "#e07b00", "#1f9d55", "#8a3ffc", "#c53030", "#0e7490", "#6b7280"];

  function svg(tag, attrs, ...children) {
    const e = document.createElementNS(NS, tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v !== null && v !== undefined) e.setAttribute(k, v);
    }
    for (const c of children) {
      if (c === null || c === undefined) continue;
      e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return e;
  }

  function title(text) { return svg("title", {}, text); }

  // A "nice" upper bound and tick step for 0..max (1, 2 or 5 times a power of ten).
  function ticks(max, count) {
    if (!(max > 0)) return { top: 1, step: 1 };
    const raw = max / (count || 4);
    const mag = Math.pow(10, Math.floor(Math.log10(raw)));
    const step = [1, 2, 5, 10].map(m => m * mag).find(s => s >= raw);
    const whole = Math.max(1, step);
    return { top: Math.ceil(max / whole) * whole, step: whole };
  }

  // Shared frame: y axis with grid lines, x labels (dates) thinned to fit.
  function frame(opts, labels, maxValue) {
    const w = opts.width || 420, h = opts.height || 200;
    const m = { top: 12, right: 12, bottom: 30, left: 36 };
    const plotW = w - m.left - m.right, plotH = h - m.top - m.bottom;
    const { top, step } = ticks(maxValue, 4);
    const root = svg("svg", { class: "chart", viewBox: `0 0 ${w} ${h}`, width: "100%", role: "img",
      "aria-label": opts.label || "chart", preserveAspectRatio: "xMidYMid meet" });
    const y = (v) => m.top + plotH - (v / top) * plotH;
    for (let v = 0; v <= top + 1e-9; v += step) {
      root.append(svg("line", { x1: m.left, x2: w - m.right, y1: y(v), y2: y(v), class: "grid" }),
        svg("text", { x: m.left - 6, y: y(v) + 4, "text-anchor": "end", class: "tick" }, formatNumber(v)));
    }
    const every = Math.max(1, Math.ceil(labels.length / Math.max(1, Math.floor(plotW / 70))));
    return { root, m, plotW, plotH, y, every, w, h };
  }

  function formatNumber(v) { return Number.isInteger(v) ? String(v) : v.toFixed(1); }

  // Lines over a shared x axis of dates. series: [{name, color?, points: [{date, value}]}]. Missing dates of a
  // series are not drawn as zero: the line joins the points the series has.
  function lineChart(series, opts) {
    opts = opts || {};
    const dates = [...new Set(series.flatMap(s => s.points.map(p => p.date)))].sort();
    const max = Math.max(0, ...series.flatMap(s => s.points.map(p => p.value)));
    const f = frame(opts, dates, max);
    const x = (d) => f.m.left + (dates.length === 1 ? f.plotW / 2 : dates.indexOf(d) * f.plotW / (dates.length - 1));
    dates.forEach((d, i) => {
      if (i % f.every === 0) {
        f.root.append(svg("text", { x: x(d), y: f.h - 12, "text-anchor": "middle", class: "tick" }, d.slice(5)));
      }
    });
    series.forEach((s, i) => {
      const color = s.color || PALETTE[i % PALETTE.length];
      const pts = s.points.slice().sort((a, b) => a.date < b.date ? -1 : 1);
      const g = svg("g", { class: "series", "data-series": s.name });
      if (pts.length > 1) {
        g.append(svg("polyline", { points: pts.map(p => x(p.date) + "," + f.y(p.value)).join(" "), fill: "none",
          stroke: color, "stroke-width": 2 }));
      }
      for (const p of pts) {
        g.append(svg("circle", { cx: x(p.date), cy: f.y(p.value), r: 3.5, fill: color, "data-date": p.date,
          "data-value": p.value }, title(`${s.label || s.name} · ${p.date}: ${p.value}`)));
      }
      f.root.append(g);
    });
    return f.root;
  }

  // Bars per date. points: [{date, value, label?}].
  function barChart(points, opts) {
    opts = opts || {};
    const dates = points.map(p => p.date);
    const max = Math.max(0, ...points.map(p => p.value));
    const f = frame(opts, dates, max);
    const slot = f.plotW / Math.max(1, points.length);
    const bw = Math.max(2, Math.min(40, slot * 0.7));
    points.forEach((p, i) => {
      const cx = f.m.left + slot * i + slot / 2;
      const top = f.y(p.value);
      f.root.append(svg("rect", { x: cx - bw / 2, y: top, width: bw, height: f.m.top + f.plotH - top,
        fill: opts.color || PALETTE[0], class: "bar", "data-date": p.date, "data-value": p.value },
        title(`${p.date}: ${p.label || p.value}`)));
      if (i % f.every === 0) {
        f.root.append(svg("text", { x: cx, y: f.h - 12, "text-anchor": "middle", class: "tick" }, p.date.slice(5)));
      }
    });
    return f.root;
  }

  // One horizontal bar split into parts: [{key, label, value, color}] (e.g. the category distribution).
  function stackedBar(parts, opts) {
    opts = opts || {};
    const w = opts.width || 640, h = opts.height || 28;
    const total = parts.reduce((s, p) => s + p.value, 0);
    const root = svg("svg", { class: "chart stacked", viewBox: `0 0 ${w} ${h}`, width: "100%", role: "img",
      "aria-label": opts.label || "distribution", preserveAspectRatio: "none" });
    let x = 0;
    for (const p of parts) {
      if (!p.value) continue;
      const pw = total ? p.value / total * w : 0;
      root.append(svg("rect", { x, y: 0, width: pw, height: h, fill: p.color, "data-key": p.key, "data-value": p.value },
        title(`${p.label}: ${p.value}`)));
      x += pw;
    }
    if (!total) root.append(svg("rect", { x: 0, y: 0, width: w, height: h, fill: "#e5e7eb" }));
    return root;
  }

  // A colour key for series or parts: [{label, color}].
  function legend(items) {
    return bigr.el("ul", { class: "legend" }, items.map(i =>
      bigr.el("li", {}, bigr.el("span", { class: "swatch", style: "background:" + i.color }), i.label)));
  }

  return { NS, CATEGORY_COLORS, PALETTE, svg, lineChart, barChart, stackedBar, legend, ticks };
})();
