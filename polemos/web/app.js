// The dashboard (docs/dashboard.md): filters live in the URL's query string, so a shared URL
// reopens the same view and back/forward walk through views; the map, timeline and table are
// drawn from /incidents, /trends and /alerts, and an incident's sentences from /incidents/{id}.
// Text from the store only ever reaches the page as textContent (never as HTML).

import { ApiError, getJson, readToken, saveToken } from "./api.js";
import { drawOutlines, drawPoints } from "./map.js";
import { drawTimeline } from "./timeline.js";

const FILTERS = ["since", "until", "actor", "recipient", "type", "place", "q"];
const PAGE = 20; // table rows per page
const MAP_LIMIT = 500; // the API's largest page: the map shows at most this many incidents
const $ = (id) => document.getElementById(id);
const form = $("filters");

/** The view the URL describes: filters, timeline period, table offset, open incident. */
function viewFromUrl() {
  const params = new URLSearchParams(location.search);
  const view = { by: params.get("by") || "week", offset: Math.max(0, parseInt(params.get("offset"), 10) || 0),
    incident: params.get("incident") || "" };
  for (const name of FILTERS) view[name] = (params.get(name) || "").trim();
  return view;
}

function urlOf(view) {
  const params = new URLSearchParams();
  for (const name of FILTERS) if (view[name]) params.set(name, view[name]);
  if (view.by !== "week") params.set("by", view.by);
  if (view.offset) params.set("offset", String(view.offset));
  if (view.incident) params.set("incident", view.incident);
  const query = params.toString();
  return location.pathname + (query ? `?${query}` : "");
}

function go(view) {
  history.pushState(null, "", urlOf(view));
  show();
}

function fillForm(view) {
  for (const name of [...FILTERS, "by"]) form.elements[name].value = view[name];
}

function filterParams(view) {
  return Object.fromEntries(FILTERS.map((name) => [name, view[name]]));
}

let drawing = 0; // the latest show(): an older one that answers late draws nothing

/** Draw the view of the URL: every panel's request in parallel, one error message for all. */
async function show() {
  const view = viewFromUrl();
  const search = location.search;
  const mine = ++drawing;
  delete document.body.dataset.shown;
  fillForm(view);
  $("error").hidden = true;
  $("status").textContent = "Loading…";
  const trendParams = { since: view.since, until: view.until, actor: view.actor, recipient: view.recipient,
    place: view.place, by: view.by };
  const alertParams = view.actor && view.recipient ? trendParams
    : { ...trendParams, actor: "", recipient: "" }; // an alert's dyad needs both parties
  try {
    const [page, mapped, trend, alerts] = await Promise.all([
      getJson("incidents", { ...filterParams(view), limit: PAGE, offset: view.offset }),
      getJson("incidents", { ...filterParams(view), limit: MAP_LIMIT }),
      getJson("trends", trendParams),
      // markers are extra: an error there is a note under the timeline, never a blank view
      getJson("alerts", alertParams).catch((err) => ({ items: [], error: err.message })),
      drawOutlines($("map"), $("map-note")),
    ]);
    if (mine !== drawing) return;
    const latest = alerts.items.reduce((end, a) => (a.end > end ? a.end : end), "");
    const shown = trend.items.length ? trend.items[trend.items.length - 1].end : "";
    if (!view.until && latest > shown) {
      // alerts count incidents by first report, which may come after the last incident's date:
      // stretch the timeline to the last alert so its marker has a period to stand on
      trend.items = (await getJson("trends", { ...trendParams, until: latest })).items;
      if (mine !== drawing) return;
    }
    drawTable(page, view);
    drawMap(mapped, view);
    drawTrend(trend.items, alerts, view);
    $("status").textContent = `${plural(page.total, "incident")} match`;
    if (view.incident) await openIncident(view.incident, mine);
    else $("detail").hidden = true;
  } catch (err) {
    if (mine === drawing) {
      showError(err);
      clearPanels(); // no older view's rows under a message about this one
    }
  }
  // the query string this page has finished drawing (what tests and scripts wait for)
  if (mine === drawing) document.body.dataset.shown = search;
}

function showError(err) {
  const box = $("error");
  box.textContent = err instanceof ApiError ? err.message : `the page failed: ${err.message}`;
  box.hidden = false;
  $("status").textContent = "";
  if (err instanceof ApiError && err.status === 401) $("token-box").hidden = false;
}

function clearPanels() {
  const body = document.querySelector("#incidents tbody");
  body.replaceChildren();
  cell(body.insertRow(), "Nothing to show: see the message above.", "empty").colSpan = 6;
  drawPoints($("map"), [], "", pick);
  drawTimeline($("timeline"), [], []);
  for (const id of ["map-note", "timeline-note", "page-note"]) $(id).textContent = "";
  $("prev").disabled = $("next").disabled = true;
  $("detail").hidden = true;
}

function cell(row, text, className) {
  const td = row.insertCell();
  td.textContent = text;
  if (className) td.className = className;
  return td;
}

function parties(list) {
  return (list || []).map((p) => {
    const name = p.name || p.text || p.id || "?"; // a party the knowledge has no name for: its words
    return p.country && name !== p.country ? `${name} (${p.country})` : name;
  }).join(", ");
}

function plural(n, word) {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function dyadOf(incident) {
  const recipients = parties(incident.recipients);
  return (parties(incident.actors) || "—") + (recipients ? ` → ${recipients}` : "");
}

function placeOf(incident) {
  const loc = incident.location;
  if (!loc) return "";
  return loc.country && loc.name !== loc.country ? `${loc.name}, ${loc.country}` : loc.name;
}

function drawTable(page, view) {
  const body = document.querySelector("#incidents tbody");
  body.replaceChildren();
  if (!page.items.length) {
    const td = cell(body.insertRow(), page.total ? "No incidents on this page: go back a page." :
      "No incidents match these filters.", "empty");
    td.colSpan = 6;
  }
  for (const incident of page.items) {
    const row = body.insertRow();
    row.tabIndex = 0;
    row.dataset.id = incident.id;
    if (incident.id === view.incident) row.classList.add("selected");
    cell(row, incident.date || `reported ${incident.first_reported || "?"}`);
    cell(row, incident.event_type);
    cell(row, dyadOf(incident));
    cell(row, placeOf(incident));
    cell(row, incident.dead == null ? "" : String(incident.dead), "num");
    cell(row, String(incident.n_articles), "num");
    row.addEventListener("click", () => pick(incident.id));
    row.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); pick(incident.id); } });
  }
  const last = view.offset + page.items.length;
  $("page-note").textContent = page.total ? `${view.offset + 1}–${last} of ${page.total}` : "";
  $("prev").disabled = view.offset === 0;
  $("next").disabled = page.next_offset == null;
}

function drawMap(mapped, view) {
  const drawn = drawPoints($("map"), mapped.items, view.incident, pick);
  const unplaced = mapped.items.length - drawn;
  const notes = [];
  if (!mapped.total) notes.push("No incidents to map.");
  else notes.push(`${plural(drawn, "incident")} on the map`);
  if (unplaced) notes.push(`${unplaced} without a place`);
  if (mapped.total > mapped.items.length) notes.push(`the first ${mapped.items.length} of ${mapped.total} shown`);
  $("map-note").textContent = notes.join("; ");
}

function drawTrend(periods, alerted, view) {
  const alerts = alerted.items;
  const bars = drawTimeline($("timeline"), periods, alerts);
  const what = view.actor || view.recipient ? `${view.actor || "anyone"} → ${view.recipient || "anyone"}`
    : "all incidents";
  $("timeline-note").textContent = bars
    ? `${what}${view.place ? ` in ${view.place}` : ""}, per ${view.by}; ${plural(alerts.length, "alert")}` +
      (view.type || view.q ? " (type and words do not narrow the timeline)" : "")
    : "No incidents in this range.";
  if (alerted.error) $("timeline-note").textContent += `; alerts unavailable: ${alerted.error}`;
}

function pick(id) {
  go({ ...viewFromUrl(), incident: id });
}

/** The incident's panel: each mention's sentence with its trigger marked, and its article. */
async function openIncident(id, mine) {
  let incident;
  try {
    incident = await getJson(`incidents/${encodeURIComponent(id)}`);
  } catch (err) {
    if (mine === drawing) showError(err);
    return;
  }
  if (mine !== drawing) return;
  $("detail-title").textContent = `${incident.event_type} ${incident.date ? `on ${incident.date}` : "(undated)"}` +
    (placeOf(incident) ? ` in ${placeOf(incident)}` : "");
  const counts = [["dead", incident.dead], ["injured", incident.injured], ["arrested", incident.arrested]]
    .filter(([, n]) => n != null).map(([k, n]) => `${n} ${k}`);
  $("detail-summary").textContent = `${dyadOf(incident)}${counts.length ? `; ${counts.join(", ")}` : ""}; ` +
    `${plural(incident.n_mentions, "mention")} in ${plural(incident.n_articles, "article")}`;
  $("mentions").replaceChildren(...incident.mentions.map(mentionItem));
  const panel = $("detail");
  panel.hidden = false;
  panel.scrollIntoView({ block: "nearest" });
}

function mentionItem(mention) {
  const li = document.createElement("li");
  const quote = document.createElement("blockquote");
  const { text } = mention;
  const [start, end] = triggerSpan(text, mention.trigger || {});
  if (start >= 0) {
    const mark = document.createElement("mark");
    mark.textContent = text.slice(start, end);
    quote.append(text.slice(0, start), mark, text.slice(end));
  } else {
    quote.textContent = text;
  }
  li.append(quote, articleLine(mention.article, mention.doc_id));
  return li;
}

/** Where the trigger is in its sentence. Its offsets count characters in the article (docs/schema.md)
 * and the API does not say where the sentence starts, so they are used as they are only when they
 * land on the trigger's words (the article's first sentence); otherwise the words' first whole-word
 * occurrence in the sentence. [-1, -1] when the words are not in it. */
function triggerSpan(text, trigger) {
  const words = trigger.text || "";
  if (!words) return [-1, -1];
  if (trigger.start >= 0 && text.slice(trigger.start, trigger.end) === words) return [trigger.start, trigger.end];
  const isWord = (c) => c !== undefined && /[\p{L}\p{N}]/u.test(c);
  for (let at = text.indexOf(words); at >= 0; at = text.indexOf(words, at + 1)) {
    if (!isWord(text[at - 1]) && !isWord(text[at + words.length])) return [at, at + words.length];
  }
  const at = text.indexOf(words);
  return [at, at < 0 ? -1 : at + words.length];
}

function articleLine(article, docId) {
  const line = document.createElement("div");
  line.className = "source";
  if (!article) {
    line.textContent = `article ${docId}`;
    return line;
  }
  const title = article.title || article.id;
  let named;
  if (article.url && /^https?:\/\//i.test(article.url)) {
    named = document.createElement("a");
    named.href = article.url;
    named.rel = "noopener noreferrer";
  } else {
    named = document.createElement("span");
  }
  named.className = "article-title";
  named.textContent = title;
  line.append(named, [article.source, article.date].filter(Boolean).map((s) => ` · ${s}`).join(""));
  return line;
}

form.addEventListener("submit", (e) => {
  e.preventDefault();
  const view = { by: form.elements.by.value, offset: 0, incident: "" };
  for (const name of FILTERS) view[name] = form.elements[name].value.trim();
  go(view);
});
form.elements.by.addEventListener("change", () => form.requestSubmit());
$("clear").addEventListener("click", () => go({ by: "week", offset: 0, incident: "" }));
$("prev").addEventListener("click", () => { const v = viewFromUrl(); go({ ...v, offset: Math.max(0, v.offset - PAGE) }); });
$("next").addEventListener("click", () => { const v = viewFromUrl(); go({ ...v, offset: v.offset + PAGE }); });
$("detail-close").addEventListener("click", () => go({ ...viewFromUrl(), incident: "" }));
$("token-save").addEventListener("click", () => { saveToken($("token").value.trim()); $("token-box").hidden = true; show(); });
window.addEventListener("popstate", show);
window.addEventListener("hashchange", () => { if (location.hash.includes("token=")) { readToken(); show(); } });

readToken();
show();
