// The dashboard: plain DOM code over the control API (/_mock), nothing to build.
// Every call names the namespace in X-Mock-Namespace; the page keeps it in the URL's
// fragment (#namespace=alice&tab=journal), which never reaches the server.
"use strict";

const $ = (selector) => document.querySelector(selector);
const state = {namespace: "default", tab: "outbox", selectedMail: null, apis: [], journalSource: null, refreshTimer: null};

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === "text") node.textContent = value;
    else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value);
  }
  node.append(...children);
  return node;
}

async function api(path, options = {}) {
  const response = await fetch(`/_mock${path}`, {
    ...options,
    headers: {"X-Mock-Namespace": state.namespace, ...(options.body ? {"Content-Type": "application/json"} : {}), ...options.headers},
  });
  if (!response.ok) {
    const text = await response.text();
    $("#status").textContent = `${options.method || "GET"} /_mock${path}: ${response.status} ${text}`;
    throw new Error(text);
  }
  $("#status").textContent = "";
  const type = response.headers.get("content-type") || "";
  return response.status === 204 ? null : type.includes("json") ? response.json() : response.text();
}

// ---- namespace and navigation -------------------------------------------------------

function readFragment() {
  const params = new URLSearchParams(location.hash.slice(1));
  state.namespace = params.get("namespace") || "default";
  state.tab = params.get("tab") || "outbox";
}

function writeFragment() {
  history.replaceState(null, "", `#${new URLSearchParams({namespace: state.namespace, tab: state.tab})}`);
}

async function openNamespace(name) {
  state.namespace = name;
  state.selectedMail = null;
  $("#namespace").value = name;
  writeFragment();
  await Promise.all([loadNamespaces(), loadClock(), loadScenario(), loadOutbox(), loadState()]);
  followJournal();
}

async function loadNamespaces() {
  const {namespaces} = await api("/namespaces");
  $("#namespaces").replaceChildren(...namespaces.map((name) => element("option", {value: name})));
}

function showTab(tab) {
  state.tab = tab;
  writeFragment();
  for (const button of document.querySelectorAll("[role=tab]")) button.setAttribute("aria-selected", String(button.dataset.tab === tab));
  for (const section of document.querySelectorAll(".tab")) section.hidden = section.id !== `tab-${tab}`;
}

// ---- clock and scenario -------------------------------------------------------------

async function loadClock(clock) {
  clock = clock || (await api("/clock"));
  $("#clock-now").textContent = clock.now;
  $("#clock-state").textContent = clock.frozen ? "frozen" : "running";
  $("#clock-state").className = `badge ${clock.frozen ? "frozen" : "live"}`;
}

async function setClock(change) {
  await loadClock(await api("/clock", {method: "PUT", body: JSON.stringify(change)}));
}

async function loadScenario() {
  const [{scenarios}, active] = await Promise.all([api("/scenarios"), api("/scenario")]);
  $("#scenario-active").textContent = active.scenario || "none";
  const options = [element("option", {value: "", text: "none"}), ...scenarios.map((s) => element("option", {value: s.name, text: s.name, title: s.description}))];
  $("#scenario-select").replaceChildren(...options);
  $("#scenario-select").value = active.scenario || "";
}

// ---- outbox -------------------------------------------------------------------------

async function loadOutbox() {
  const {total, messages} = await api("/outbox?limit=200");
  $("#outbox-count").textContent = String(total);
  $("#outbox-empty").hidden = total > 0;
  const rows = messages.map((mail) =>
    element("tr", {"data-id": mail.id, class: mail.id === state.selectedMail ? "selected" : "", onclick: () => showMail(mail.id)},
      element("td", {text: mail.created.slice(11, 19)}), element("td", {text: mail.api}),
      element("td", {text: mail.to.join(", ")}), element("td", {text: mail.subject})));
  $("#outbox-list tbody").replaceChildren(...rows);
}

async function showMail(id) {
  state.selectedMail = id;
  for (const row of document.querySelectorAll("#outbox-list tbody tr")) row.classList.toggle("selected", row.dataset.id === id);
  const [mail, source] = await Promise.all([api(`/outbox/${id}`), api(`/outbox/${id}/raw`)]);
  $("#mail").hidden = false;
  $("#mail-subject").textContent = mail.subject;
  const shown = [["From", mail.from], ["To", mail.to.join(", ")], ["Date", mail.created], ["API", mail.api]];
  $("#mail-headers").replaceChildren(...shown.flatMap(([name, value]) => [element("dt", {text: name}), element("dd", {text: value})]));
  // The HTML part runs in a sandbox without scripts; its links open in a new tab.
  $("#mail-html").srcdoc = `<base target="_blank">${mail.html || `<pre>${escapeHtml(mail.text || "")}</pre>`}`;
  $("#mail-text").replaceChildren(...linkified(mail.text || "(no text part)"));
  $("#mail-source").textContent = source;
  $("#mail-links").replaceChildren(...mail.links.map((link) => linkItem(link, mail.linkMethods[link] || [])));
}

function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function linkified(text) {
  return text.split(/(https?:\/\/[^\s"'<>]+)/).map((part, index) =>
    index % 2 ? element("a", {href: part, target: "_blank", rel: "noopener", text: part}) : document.createTextNode(part));
}

// A link whose route takes only POST (an Overkiz validation link) gets a button that sends it.
function linkItem(link, methods) {
  const item = element("li", {}, element("a", {href: link, target: "_blank", rel: "noopener", text: link}));
  if (methods.length) item.append(" ", element("span", {class: "method", text: methods.join(" ")}));
  for (const method of methods.filter((m) => m !== "GET" && m !== "HEAD" && !methods.includes("GET"))) {
    const result = element("span", {class: "result"});
    item.append(" ", element("button", {type: "button", text: `Send ${method}`, onclick: async () => {
      const response = await fetch(link, {method, credentials: "include"});
      result.textContent = `${response.status} ${await response.text()}`;
      result.className = `result status-${String(response.status)[0]}`;
    }}), result);
  }
  return item;
}

function selectView(view) {
  for (const button of document.querySelectorAll(".views button")) button.setAttribute("aria-pressed", String(button.dataset.view === view));
  $("#mail-html").hidden = view !== "html";
  $("#mail-text").hidden = view !== "text";
  $("#mail-source").hidden = view !== "source";
}

// ---- journal ------------------------------------------------------------------------

function journalQuery() {
  const params = new URLSearchParams();
  if ($("#journal-namespace").value === "current") params.set("namespace", state.namespace);
  if ($("#journal-api").value) params.set("api", $("#journal-api").value);
  if ($("#journal-docs").checked) params.set("docs", "true");
  return params;
}

function shownInJournal(entry) {
  return $("#journal-control").checked || entry.api !== "control" || $("#journal-api").value === "control";
}

function journalRow(entry) {
  const request = `${entry.method} ${entry.path}${entry.query ? `?${entry.query}` : ""}`;
  return element("tr", {"data-sequence": String(entry.sequence)},
    element("td", {text: String(entry.sequence)}), element("td", {text: entry.time.slice(11, 23)}),
    element("td", {text: entry.namespace}), element("td", {text: entry.api || ""}), element("td", {text: request}),
    element("td", {class: `status-${String(entry.status)[0]}`, text: String(entry.status)}),
    element("td", {text: String(entry.durationMs)}), element("td", {text: entry.notes.join("; ")}));
}

// The list so far, then a server-sent event stream of each new entry (EventSource reconnects
// by itself when the server ends a stream, resending the last id it saw).
async function followJournal() {
  if (state.journalSource) state.journalSource.close();
  const params = journalQuery();
  const {entries} = await api(`/journal?${params}&limit=300`);
  $("#journal tbody").replaceChildren(...entries.filter(shownInJournal).map(journalRow));
  params.set("after", String(entries.length ? entries[0].sequence : 0));
  const source = new EventSource(`/_mock/journal/stream?${params}`);
  state.journalSource = source;
  source.onopen = () => { $("#journal-live").textContent = "live"; $("#journal-live").className = "badge live"; };
  source.onerror = () => { $("#journal-live").textContent = "reconnecting"; $("#journal-live").className = "badge off"; };
  source.addEventListener("entry", (event) => {
    const entry = JSON.parse(event.data);
    if (shownInJournal(entry)) $("#journal tbody").prepend(journalRow(entry));
    if (entry.namespace === state.namespace && entry.api !== "control") scheduleRefresh();
  });
}

// A call to an API in this namespace may have sent mail or changed records.
function scheduleRefresh() {
  clearTimeout(state.refreshTimer);
  state.refreshTimer = setTimeout(() => { loadOutbox(); loadState(); loadClock(); }, 300);
}

// ---- state tree ---------------------------------------------------------------------

async function loadState() {
  const name = $("#state-api").value;
  if (!name) return;
  const records = await api(`/records/${encodeURIComponent(name)}`);
  $("#state-tree").replaceChildren(tree(name, records, true));
}

function tree(key, value, open = false) {
  if (value !== null && typeof value === "object") {
    const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value);
    const size = Array.isArray(value) ? `[${value.length}]` : `{${entries.length}}`;
    const node = element("details", open ? {open: ""} : {}, element("summary", {}, element("span", {class: "key", text: key}), ` ${size}`));
    node.append(...entries.map(([k, v]) => tree(k, v)));
    return node;
  }
  const kind = typeof value === "string" ? "string" : typeof value === "number" ? "number" : "literal";
  return element("div", {class: "leaf"}, element("span", {class: "key", text: key}), ": ",
    element("span", {class: kind, text: JSON.stringify(value)}));
}

// ---- wiring -------------------------------------------------------------------------

async function start() {
  readFragment();
  $("#namespace").value = state.namespace;
  $("#namespace-form").addEventListener("submit", (event) => { event.preventDefault(); openNamespace($("#namespace").value.trim()); });
  $("#reset-namespace").addEventListener("click", async () => { await api("/reset", {method: "POST"}); openNamespace(state.namespace); });
  $("#reset-all").addEventListener("click", async () => {
    if (confirm("Reset every namespace?")) { await api("/reset?all=true", {method: "POST"}); openNamespace(state.namespace); }
  });
  $("#clock-freeze").addEventListener("click", () => setClock({frozen: true}));
  $("#clock-run").addEventListener("click", () => setClock({frozen: false}));
  for (const button of document.querySelectorAll("[data-advance]")) {
    button.addEventListener("click", () => setClock({advanceSeconds: Number(button.dataset.advance)}));
  }
  $("#clock-advance").addEventListener("submit", (event) => { event.preventDefault(); setClock({advanceSeconds: Number($("#advance-seconds").value)}); });
  $("#clock-set").addEventListener("submit", (event) => { event.preventDefault(); setClock({now: $("#clock-instant").value.trim()}); });
  $("#scenario-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    await api("/scenario", {method: "PUT", body: JSON.stringify({name: $("#scenario-select").value || null})});
    openNamespace(state.namespace);
  });
  for (const button of document.querySelectorAll("[role=tab]")) button.addEventListener("click", () => showTab(button.dataset.tab));
  for (const button of document.querySelectorAll(".views button")) button.addEventListener("click", () => selectView(button.dataset.view));
  for (const control of document.querySelectorAll("#journal-filters select, #journal-filters input")) control.addEventListener("change", followJournal);
  $("#state-form").addEventListener("submit", (event) => { event.preventDefault(); loadState(); });
  $("#state-api").addEventListener("change", loadState);
  setInterval(() => { if ($("#clock-state").textContent === "running") loadClockLocally(); }, 1000);

  showTab(state.tab);
  const {apis} = await api("/apis");
  state.apis = apis.map((entry) => entry.name);
  $("#journal-api").append(...state.apis.map((name) => element("option", {value: name, text: name})));
  $("#state-api").replaceChildren(...state.apis.filter((name) => name !== "control").map((name) => element("option", {value: name, text: name})));
  await openNamespace(state.namespace);
}

// A running clock ticks on the page without asking the server every second.
function loadClockLocally() {
  const shown = Date.parse($("#clock-now").textContent);
  if (!Number.isNaN(shown)) $("#clock-now").textContent = new Date(shown + 1000).toISOString();
}

start();
