// deckgen serve: the rehearsal view. Keyboard driven; it keeps the seconds spent on each slide,
// compares the clock with the timing plan, and sends the times to the server to be written.
"use strict";

const $ = (id) => document.getElementById(id);
let state = null;
let current = 0;
let seconds = [];          // per slide, time already counted
let since = null;          // when the current stretch on the current slide began (ms), null: paused
let started = false;

const mmss = (s) => { s = Math.max(0, Math.round(s)); return `${String(Math.floor(s / 60)).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`; };
const now = () => performance.now();

function counted(i) { return (seconds[i] || 0) + (i === current && since !== null ? (now() - since) / 1000 : 0); }
function elapsed() { let total = 0; for (let i = 0; i < Math.max(seconds.length, current + 1); i++) total += counted(i); return total; }

function bank() { if (since !== null) { seconds[current] = (seconds[current] || 0) + (now() - since) / 1000; since = now(); } }

function go(i) {
  if (!state || !state.slides.length) return;
  if (!started) { started = true; since = now(); }
  bank();
  const before = current;
  current = Math.max(0, Math.min(i, state.slides.length - 1));
  if (current !== before) send();
  show();
}

function pause() {
  if (!started) { go(current); return; }
  if (since === null) { since = now(); } else { bank(); since = null; send(); }
  tick();
}

function setImg(img, slide) {
  if (slide && slide.picture) { if (img.getAttribute("src") !== slide.picture) img.setAttribute("src", slide.picture); }
  else img.removeAttribute("src");
  img.dataset.hash = slide ? slide.hash : "";
}

function show() {
  if (!state) return;
  const slide = state.slides[current];
  const next = state.slides[current + 1];
  setImg($("current"), slide);
  setImg($("next-picture"), next);
  $("next-title").textContent = next ? `next: ${next.number}. ${next.title}` : "next: (the end)";
  $("r-title").textContent = slide ? `${slide.number}. ${slide.title} · planned ${slide.window}` : "";
  $("r-notes").textContent = slide ? (slide.notes || "(no notes)") : "";
  document.body.dataset.current = String(current + 1);
  tick();
}

function tick() {
  if (!state) return;
  const total = elapsed();
  $("clock").textContent = mmss(total) + (since === null && started ? " (paused)" : "");
  $("slide-clock").textContent = `this slide ${mmss(counted(current))}`;
  $("wall").textContent = `time of day ${new Date().toTimeString().slice(0, 5)}`;
  const minutes = total / 60;
  const slides = state.slides;
  let where = slides.findIndex((s) => minutes >= s.start && minutes < s.start + s.minutes);
  if (where < 0) where = slides.length ? (minutes < slides[0].start ? 0 : slides.length - 1) : -1;
  const plan = $("plan");
  if (!started) { plan.textContent = "press → or Space to start the clock"; plan.className = ""; return; }
  if (where < 0) { plan.textContent = ""; return; }
  const slide = slides[current];
  const planned = slide ? slide.start * 60 : 0;
  // behind when the plan is past this slide already; ahead when it has not reached it yet
  const lag = total - (slide ? (slide.start + slide.minutes) * 60 : 0);
  const lead = planned - total;
  plan.className = where > current && lag > 0 ? "behind" : (where < current && lead > 0 ? "ahead" : "");
  let text = `the plan says: slide ${slides[where].number} (${slides[where].window})`;
  if (plan.className === "behind") text += ` · ${mmss(lag)} behind`;
  if (plan.className === "ahead") text += ` · ${mmss(lead)} ahead`;
  plan.textContent = text;
}

async function send() {
  if (!state) return;
  const slides = state.slides.map((s, i) => ({ number: s.number, id: s.id, title: s.title, planned: s.minutes, seconds: Math.round(counted(i) * 10) / 10 }));
  try {
    const answer = await (await fetch("times", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ slides }) })).json();
    $("saved").textContent = answer.error ? `times not saved: ${answer.error}` : (answer.saved ? `times saved to ${answer.saved}` : answer.note);
  } catch (err) {
    $("saved").textContent = "times not saved: the server is not answering";
  }
}

document.addEventListener("keydown", (e) => {
  const k = e.key;
  if (k === "ArrowRight" || k === " " || k === "PageDown" || k === "Enter") go(current + 1);
  else if (k === "ArrowLeft" || k === "PageUp" || k === "Backspace") go(current - 1);
  else if (k === "Home") go(0);
  else if (k === "End") go(state ? state.slides.length - 1 : 0);
  else if (k === "p" || k === "P") pause();
  else if (k === "t" || k === "T") { bank(); send(); }
  else return;
  e.preventDefault();
});

function render(next) {
  state = next;
  $("title").textContent = `rehearsal: ${next.title || next.outline}`;
  $("meta").textContent = `${next.slides.length} slide${next.slides.length === 1 ? "" : "s"} · planned ${next.planned}${next.duration ? ` of ${next.duration} min` : ""}`;
  $("status").textContent = next.busy ? `${next.busy}…` : "";
  $("problems").hidden = next.problems.length === 0;
  $("problem-list").replaceChildren(...next.problems.map((p) => { const li = document.createElement("li"); li.textContent = p.text; return li; }));
  if (current >= next.slides.length) current = Math.max(0, next.slides.length - 1);
  show();
  document.body.dataset.version = String(next.version);
}

setInterval(tick, 250);
const events = new EventSource("events");
events.addEventListener("state", (e) => render(JSON.parse(e.data)));
events.addEventListener("bye", () => { events.close(); $("status").textContent = "deckgen serve has stopped"; });
