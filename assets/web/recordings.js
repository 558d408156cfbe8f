// The staff recordings page: sign in once (session cookie), search the catalog, sort, page,
// play a recording (HTML5 video, seeking by HTTP Range), download it or read its sidecar.
"use strict";
const $ = (id) => document.getElementById(id);
const state = { sort: "start", order: "asc", page: 1, perPage: 50, total: 0 };

async function api(path, options = {}) {
  const response = await fetch(path, { ...options, headers: { "X-Lectern-Page": "1", ...(options.headers || {}) } });
  if (response.status === 401) { show("login"); throw new Error("signed out"); }
  const body = await response.json();
  if (!response.ok) throw new Error(body.error || response.statusText);
  return body;
}

function show(which) {
  $("login").hidden = which !== "login";
  $("archive").hidden = which !== "archive";
  $("logout").hidden = which !== "archive";
  if (which === "login") $("password").focus();
}

function text(tag, content, className) {
  const node = document.createElement(tag);
  node.textContent = content;
  if (className) node.className = className;
  return node;
}

const minutes = (s) => `${Math.floor(s / 60)}:${String(Math.round(s % 60)).padStart(2, "0")}`;
const mib = (b) => (b < 0 ? "missing" : `${(b / 1048576).toFixed(1)} MiB`);
const when = (r) => {
  const start = r.actual_start || r.scheduled_start;
  return start ? `${start.slice(0, 10)} ${start.slice(11, 16)}` : "undated";
};

function speakerCell(r) {
  const cell = document.createElement("td");
  r.speakers.forEach((s, i) => {
    if (i) cell.append(", ");
    cell.append(s.name);
    if (s.native_name) cell.append(" ", text("span", s.native_name, "native"));
  });
  return cell;
}

function row(r) {
  const tr = document.createElement("tr");
  tr.append(text("td", when(r), "num"), text("td", r.room));
  const title = text("td", r.title);
  if (r.problem) title.append(document.createElement("br"), text("span", r.problem, "problem"));
  tr.append(title, speakerCell(r), text("td", minutes(r.duration_seconds), "num"), text("td", mib(r.file_bytes), "num"));
  const uploads = document.createElement("td");
  r.uploads.forEach((u) => uploads.append(text("span", `${u.target}: ${u.state}`, `state ${u.state}`)));
  tr.append(uploads);
  const links = document.createElement("td");
  if (r.media_url) {
    const a = text("a", "Download");
    a.href = `${r.media_url}?download=1`;
    links.append(a);
  }
  tr.append(links);
  tr.addEventListener("click", (event) => { if (event.target.tagName !== "A") play(r, tr); });
  return tr;
}

function play(r, tr) {
  document.querySelectorAll("tbody tr.selected").forEach((x) => x.classList.remove("selected"));
  tr.classList.add("selected");
  $("player").hidden = false;
  $("video").src = r.media_url;
  const dl = document.createElement("dl");
  const add = (k, v) => { if (v) dl.append(text("dt", k), text("dd", v)); };
  add("Title", r.title);
  add("Speakers", r.speakers.map((s) => [s.name, s.native_name, s.affiliation && `(${s.affiliation})`].filter(Boolean).join(" ")).join("; "));
  add("Event", r.event);
  add("Room", r.room);
  add("Started", r.actual_start);
  add("Scheduled", r.scheduled_start && `${r.scheduled_start} – ${r.scheduled_end}`);
  add("Video", r.video.codec && `${r.video.codec} ${r.video.width}×${r.video.height} ${r.video.fps} fps`);
  add("Audio", r.audio.codec && `${r.audio.codec} ${r.audio.sample_rate} Hz, ${r.audio.channels} ch`);
  add("SHA-256", r.sha256);
  add("Uploads", r.uploads.map((u) => `${u.target}: ${u.state} ${u.location}${u.error ? " — " + u.error : ""}`).join("\n"));
  add("Problem", r.problem);
  const details = $("details");
  details.replaceChildren(dl);
  if (r.sidecar_url) {
    const a = text("a", "Sidecar JSON");
    a.href = r.sidecar_url;
    details.append(a);
  }
}

async function search() {
  const params = new URLSearchParams({ sort: state.sort, order: state.order, page: state.page, per_page: state.perPage });
  for (const key of ["q", "room", "from", "to"]) if ($(key).value) params.set(key, $(key).value);
  if ($("problems").checked) params.set("problems", "1");
  try {
    const body = await api(`/api/v1/recordings?${params}`);
    state.total = body.total;
    $("results").tBodies[0].replaceChildren(...body.recordings.map(row));
    const pages = Math.max(1, Math.ceil(body.total / state.perPage));
    $("summary").textContent = `${body.total} recording${body.total === 1 ? "" : "s"}`;
    $("page").textContent = `Page ${state.page} of ${pages}`;
    $("prev").disabled = state.page <= 1;
    $("next").disabled = state.page >= pages;
    document.querySelectorAll("th[data-sort]").forEach((th) => {
      th.classList.toggle("sorted", th.dataset.sort === state.sort);
      th.classList.toggle("desc", state.order === "desc");
    });
    show("archive");
  } catch (error) {
    if (error.message !== "signed out") $("summary").textContent = error.message;
  }
}

$("login").addEventListener("submit", async (event) => {
  event.preventDefault();
  const response = await fetch("/api/v1/session", {
    method: "POST",
    headers: { "X-Lectern-Page": "1", Authorization: "Basic " + btoa(unescape(encodeURIComponent("staff:" + $("password").value))) },
  });
  if (response.ok) { $("password").value = ""; $("login-error").textContent = ""; search(); }
  else $("login-error").textContent = (await response.json()).error || "wrong password";
});
$("logout").addEventListener("click", async () => { await fetch("/api/v1/session/end", { method: "POST" }); show("login"); });
$("filters").addEventListener("submit", (event) => { event.preventDefault(); state.page = 1; search(); });
$("prev").addEventListener("click", () => { state.page--; search(); });
$("next").addEventListener("click", () => { state.page++; search(); });
document.querySelectorAll("th[data-sort]").forEach((th) => th.addEventListener("click", () => {
  state.order = state.sort === th.dataset.sort && state.order === "asc" ? "desc" : "asc";
  state.sort = th.dataset.sort;
  search();
}));
const initial = new URLSearchParams(location.search).get("q");
if (initial) $("q").value = initial;
search();
