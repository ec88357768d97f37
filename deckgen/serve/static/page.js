// deckgen serve: the preview page. It follows the server's state over server-sent events and
// changes only what changed, so the page keeps its scroll and selection across saves.
"use strict";

const $ = (id) => document.getElementById(id);
let state = null;
let selected = 0;

function setText(el, text) { if (el.textContent !== text) el.textContent = text; }

function setList(el, items) {
  const key = JSON.stringify(items);
  if (el.dataset.key === key) return;
  el.dataset.key = key;
  el.replaceChildren(...items.map((text) => { const li = document.createElement("li"); li.textContent = text; return li; }));
}

function setPicture(img, slide) {
  const src = slide && slide.picture ? slide.picture : "";
  if (img.getAttribute("src") !== src && src) img.setAttribute("src", src);
  if (!src) img.removeAttribute("src");
  img.dataset.hash = slide ? slide.hash : "";
  img.alt = slide ? `slide ${slide.number}: ${slide.title}` : "";
}

function thumb(i) {
  let button = $(`thumb-${i + 1}`);
  if (!button) {
    button = document.createElement("button");
    button.className = "thumb";
    button.id = `thumb-${i + 1}`;
    button.append(document.createElement("img"), document.createElement("span"));
    button.addEventListener("click", () => select(i));
    $("strip").append(button);
  }
  return button;
}

function select(i) {
  if (!state || !state.slides.length) return;
  selected = Math.max(0, Math.min(i, state.slides.length - 1));
  showSelected();
  const button = $(`thumb-${selected + 1}`);
  if (button) button.scrollIntoView({ block: "nearest", inline: "nearest" });
}

function showSelected() {
  const slide = state.slides[selected];
  document.querySelectorAll(".thumb.selected").forEach((b) => b.classList.remove("selected"));
  if (!slide) return;
  $(`thumb-${selected + 1}`).classList.add("selected");
  setPicture($("current"), slide);
  $("placeholder").hidden = !!slide.picture;
  setText($("slide-title"), `${slide.number}. ${slide.title}`);
  setText($("slide-window"), `${slide.window} · ${slide.minutes} min${slide.estimated ? " (estimated from the notes)" : ""}`);
  setList($("slide-warnings"), slide.warnings);
  setText($("slide-notes"), slide.notes || "(no notes)");
}

function render(next) {
  state = next;
  document.title = `${next.title || next.outline} · deckgen serve`;
  setText($("title"), next.title || next.outline);
  setText($("meta"), next.slides.length ? `${next.outline} · ${next.slides.length} slide${next.slides.length === 1 ? "" : "s"} · ${next.planned}${next.duration ? ` of ${next.duration} min` : ""}` : "");
  setText($("problems-head"), next.slides.length ? "This save has problems: the slides below are the last good ones" : "The outline has problems: fix them and save, and the slides appear");
  setText($("status"), next.busy ? `${next.busy}…` : (next.built ? `updated in ${next.built.toFixed(1)} s` : ""));
  $("problems").hidden = next.problems.length === 0;
  setList($("problem-list"), next.problems.map((p) => p.text));
  $("notice").hidden = !next.notice;
  setText($("notice"), next.notice);
  setList($("deck-warnings"), next.warnings);
  next.slides.forEach((slide, i) => {
    const button = thumb(i);
    setPicture(button.querySelector("img"), slide);
    setText(button.querySelector("span"), `${slide.number}. ${slide.title}`);
    button.classList.toggle("warned", slide.warnings.length > 0);
  });
  for (let i = next.slides.length + 1; $(`thumb-${i}`); i++) $(`thumb-${i}`).remove();
  if (selected >= next.slides.length) selected = Math.max(0, next.slides.length - 1);
  showSelected();
  document.body.dataset.version = String(next.version);
  document.body.dataset.busy = next.busy ? "1" : "";
}

document.addEventListener("keydown", (e) => {
  if (e.key === "ArrowRight" || e.key === "ArrowDown") { select(selected + 1); e.preventDefault(); }
  if (e.key === "ArrowLeft" || e.key === "ArrowUp") { select(selected - 1); e.preventDefault(); }
});

const events = new EventSource("events");
events.addEventListener("state", (e) => render(JSON.parse(e.data)));
events.addEventListener("bye", () => { events.close(); $("status").textContent = "deckgen serve has stopped"; });
events.addEventListener("error", () => setText($("status"), "the server is not answering (is `deckgen serve` still running?)"));
