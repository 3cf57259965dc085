// The usage dashboard: draws /admin/usage.json with Chart.js. No inline script (the sample's CSP).
"use strict";

(function () {
  /** Seed 000's alert thresholds; cost per successful call has none of its own: ?maxCostPerCall=USD. */
  const THRESHOLDS = {
    rate429: { name: "429 rate", limit: 0.02, show: percent, limitText: "alert above 2 %" },
    retryMultiplier: { name: "Retry multiplier", limit: 1.1, show: (v) => v.toFixed(2) + " ×",
      limitText: "alert above 1.1 ×" },
    fallbackRate: { name: "Fallback rate", limit: 0.10, show: percent, limitText: "alert above 10 %" },
    costPerSuccessfulCall: { name: "Cost per successful call", limit: costLimit(), show: usd,
      limitText: "alert above " + usd(costLimit()) },
  };
  const charts = {};

  function percent(v) {
    return (v * 100).toFixed(1) + " %";
  }

  function usd(v) {
    return "$" + Number(v).toFixed(v !== 0 && Math.abs(v) < 0.01 ? 6 : 2);
  }

  function costLimit() {
    const given = Number(new URLSearchParams(location.search).get("maxCostPerCall"));
    return Number.isFinite(given) && given > 0 ? given : 0.05;
  }

  function element(tag, className, text) {
    const e = document.createElement(tag);
    if (className) {
      e.className = className;
    }
    if (text !== undefined) {
      e.textContent = text;
    }
    return e;
  }

  /** Every UTC day of the report, oldest first, as YYYY-MM-DD. */
  function daysOf(report) {
    const days = [];
    for (let t = Date.parse(report.from); t < Date.parse(report.to); t += 86400000) {
      days.push(new Date(t).toISOString().slice(0, 10));
    }
    return days;
  }

  function showTotals(totals) {
    const list = document.getElementById("totals");
    list.replaceChildren();
    [["Calls", totals.calls], ["Input tokens", totals.inputTokens], ["Output tokens", totals.outputTokens],
      ["Cost", usd(totals.costUsd)]].forEach(([name, value]) => {
      const item = element("div");
      item.append(element("dt", null, name), element("dd", null, String(value)));
      list.append(item);
    });
  }

  function showMonitoring(monitoring) {
    const tiles = document.getElementById("monitoring");
    tiles.replaceChildren();
    Object.entries(THRESHOLDS).forEach(([key, t]) => {
      const value = Number(monitoring[key]);
      const tile = element("div", "tile");
      tile.dataset.metric = key;
      if (value > t.limit) {
        tile.classList.add("alert");
      }
      tile.append(element("div", "name", t.name), element("div", "value", t.show(value)),
        element("div", "limit", t.limitText));
      tiles.append(tile);
    });
  }

  function draw(id, config) {
    if (charts[id]) {
      charts[id].destroy();
    }
    charts[id] = new Chart(document.getElementById(id), config);
  }

  function showSpend(report) {
    const days = daysOf(report);
    const series = new Map();
    report.days.forEach((d) => {
      const label = d.provider ? d.model + " (" + d.provider + ")" : d.model;
      if (!series.has(label)) {
        series.set(label, new Array(days.length).fill(0));
      }
      const i = days.indexOf(d.day);
      if (i >= 0) {
        series.get(label)[i] += Number(d.costUsd);
      }
    });
    draw("spend-chart", {
      type: "bar",
      data: { labels: days, datasets: [...series].map(([label, data]) => ({ label, data })) },
      options: { animation: false, maintainAspectRatio: false,
        scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } },
    });
  }

  /** A call refused before its caller was identified has no user. */
  function nameOf(user) {
    return user.user ?? "(not identified)";
  }

  function showUsers(users) {
    const top = users.slice(0, 10);
    draw("users-chart", {
      type: "bar",
      data: { labels: top.map(nameOf), datasets: [{ label: "Cost (USD)", data: top.map((u) => Number(u.costUsd)),
        backgroundColor: top.map((u) => (u.outlier ? "#d32f2f" : "#4a78d6")) }] },
      options: { animation: false, maintainAspectRatio: false, indexAxis: "y", plugins: { legend: { display: false } } },
    });
    const body = document.querySelector("#users tbody");
    body.replaceChildren();
    top.forEach((u) => {
      const row = element("tr", u.outlier ? "outlier" : null);
      row.dataset.user = nameOf(u);
      [nameOf(u), u.calls, u.inputTokens, u.outputTokens, usd(u.costUsd)].forEach((v) => row.append(element("td", null, String(v))));
      const mark = element("td");
      if (u.outlier) {
        mark.append(element("span", "badge", "outlier"));
      }
      row.append(mark);
      body.append(row);
    });
  }

  async function load() {
    const status = document.getElementById("status");
    const days = document.getElementById("days").value;
    status.className = "status";
    status.textContent = "Loading…";
    try {
      const response = await fetch("usage.json?days=" + encodeURIComponent(days), { headers: { Accept: "application/json" } });
      const body = await response.json();
      if (!response.ok) {
        throw new Error(body.error ? body.error.message : "HTTP " + response.status);
      }
      showTotals(body.totals);
      showMonitoring(body.monitoring);
      showSpend(body);
      showUsers(body.users);
      status.textContent = "From " + body.from + " to " + body.to + " (UTC).";
      document.body.dataset.loaded = "true";
    } catch (e) {
      status.className = "status error";
      status.textContent = "Could not load the usage report: " + e.message;
    }
  }

  document.getElementById("days").addEventListener("change", load);
  load();
})();
