// Drives the staff page in headless Chromium over the DevTools protocol (no npm package): signs in,
// searches, plays a recording, and saves a screenshot.
// node --experimental-websocket page_check.mjs URL PASSWORD SEARCH PLAY_TITLE OUT.png [WIDTHxHEIGHT]
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync, existsSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const [url, password, search, playTitle, out, size = "1400x900"] = process.argv.slice(2);
const [width, height] = size.split("x").map(Number);
const profile = mkdtempSync(join(tmpdir(), "lectern-chromium-"));
const browser = spawn("chromium", ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--no-first-run", "--mute-audio", `--user-data-dir=${profile}`,
  "--remote-debugging-port=0", `--window-size=${width},${height}`, "about:blank"], { stdio: "ignore", detached: true });
const fail = (message) => { console.error("page check: " + message); process.kill(-browser.pid, "SIGKILL"); process.exit(1); };
const deadline = (seconds) => Date.now() + seconds * 1000;

async function until(what, test, seconds = 60) {  // generous: the suite runs in parallel on 2 cores
  const end = deadline(seconds);
  for (;;) {
    const value = await test();
    if (value) return value;
    if (Date.now() > end) fail("timed out waiting for " + what);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const port = await until("DevToolsActivePort", () => {
  const file = join(profile, "DevToolsActivePort");
  return existsSync(file) && readFileSync(file, "utf8").split("\n")[0];
});
const targets = await until("a page target", async () => {
  try { return (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()).filter((t) => t.type === "page"); }
  catch { return null; }
});
const socket = new WebSocket(targets[0].webSocketDebuggerUrl);
await new Promise((resolve) => socket.addEventListener("open", resolve));
let nextId = 1;
const pending = new Map();
socket.addEventListener("message", (event) => {
  const message = JSON.parse(event.data);
  if (message.id && pending.has(message.id)) { pending.get(message.id)(message); pending.delete(message.id); }
});
const send = (method, params = {}) => new Promise((resolve) => {
  const id = nextId++;
  pending.set(id, resolve);
  socket.send(JSON.stringify({ id, method, params }));
});
const evaluate = async (expression) => {
  const answer = await send("Runtime.evaluate", { expression, awaitPromise: true, returnByValue: true });
  if (answer.result?.exceptionDetails) fail("script error: " + JSON.stringify(answer.result.exceptionDetails));
  return answer.result?.result?.value;
};

await send("Emulation.setDeviceMetricsOverride", { width, height, deviceScaleFactor: 1, mobile: false });
await send("Page.navigate", { url });
await until("the sign-in form", () => evaluate(`!!document.getElementById("login") && !document.getElementById("login").hidden`));
await evaluate(`document.getElementById("password").value = ${JSON.stringify(password)};
  document.getElementById("login").requestSubmit(); true`);
await until("the recordings list", () => evaluate(`!document.getElementById("archive").hidden &&
  document.querySelectorAll("#results tbody tr").length > 0`));
await evaluate(`document.getElementById("q").value = ${JSON.stringify(search)};
  document.getElementById("filters").requestSubmit(); true`);
const found = await until("search results", () => evaluate(`(() => {
  const rows = [...document.querySelectorAll("#results tbody tr")];
  return rows.length === 1 && rows[0].textContent; })()`));
console.log("found: " + found);
await evaluate(`document.getElementById("q").value = ${JSON.stringify(playTitle)};
  document.getElementById("filters").requestSubmit(); true`);
await until("the recording to play", () => evaluate(`(() => {
  const row = document.querySelector("#results tbody tr");
  if (!row || !row.textContent.includes(${JSON.stringify(playTitle)})) return false;
  row.click(); return true; })()`));
// Metadata loaded and a seek answered: the browser read the file through HTTP Range requests.
await until("the video to load", () => evaluate(`document.getElementById("video").readyState >= 1`));
await evaluate(`(() => { const v = document.getElementById("video"); v.currentTime = v.duration / 2; return true; })()`);
const played = await until("the seek", () => evaluate(`(() => { const v = document.getElementById("video");
  return v.readyState >= 2 && !v.seeking && v.currentTime > 0 && v.videoWidth; })()`));
console.log("video width: " + played);
const shot = await send("Page.captureScreenshot", { format: "png" });
writeFileSync(out, Buffer.from(shot.result.data, "base64"));
socket.close();
const exited = new Promise((resolve) => browser.on("exit", resolve));
process.kill(-browser.pid, "SIGTERM");  // the whole group: the wrapper script and Chromium's helpers
await exited;
// Chromium's helper processes may still write the profile for a moment after the wrapper exits; the
// checks above already passed, so a profile left in /tmp is reported, not failed.
try {
  rmSync(profile, { recursive: true, force: true, maxRetries: 20, retryDelay: 200 });
} catch (e) {
  console.error(`page check: left the browser profile ${profile} (${e.code})`);
}
process.exit(0);
