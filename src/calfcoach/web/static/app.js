// calfcoach: the small bits of behaviour the pages need (no framework besides htmx).
"use strict";

// The guided tests: one step at a time when JavaScript runs; all steps without it.
function setUpWizard(form) {
  const steps = Array.from(form.querySelectorAll(".step"));
  const nav = form.querySelector(".wizard-nav");
  const dots = Array.from(form.querySelectorAll(".progress-dots li"));
  if (!steps.length || !nav) return;
  let current = 0;
  const error = form.ownerDocument.getElementById("form-error");
  form.classList.add("js");
  nav.hidden = false;
  const show = (index) => {
    current = Math.max(0, Math.min(index, steps.length - 1));
    steps.forEach((step, i) => step.classList.toggle("current", i === current));
    dots.forEach((dot, i) => dot.classList.toggle("done", i <= current));
    nav.querySelector("[data-back]").disabled = current === 0;
    nav.querySelector("[data-next]").hidden = current === steps.length - 1;
  };
  nav.querySelector("[data-back]").addEventListener("click", () => show(current - 1));
  nav.querySelector("[data-next]").addEventListener("click", () => {
    const invalid = steps[current].querySelector(":invalid");
    if (invalid) { invalid.reportValidity(); return; }
    show(current + 1);
    window.scrollTo({ top: 0 });
  });
  // After a refused submit, open the step that holds the field the server named.
  show(error ? steps.length - 1 : 0);
}

// 60 bpm: a click and a pulse every beat, alternating "up" and "down".
function setUpMetronome(box) {
  const button = box.querySelector("[data-metronome]");
  const beat = box.querySelector(".beat");
  const period = 60000 / Number(box.dataset.bpm || 60);
  let timer = null;
  let audio = null;
  let count = 0;
  const tick = () => {
    count += 1;
    beat.classList.add("on");
    beat.classList.toggle("down", count % 2 === 0);
    setTimeout(() => beat.classList.remove("on"), 150);
    if (!audio) return;
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    osc.frequency.value = count % 2 ? 880 : 660;
    gain.gain.setValueAtTime(0.3, audio.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.08);
    osc.connect(gain).connect(audio.destination);
    osc.start();
    osc.stop(audio.currentTime + 0.09);
  };
  button.addEventListener("click", () => {
    if (timer) {
      clearInterval(timer); timer = null;
      button.textContent = "Start metronome (60 bpm)";
      return;
    }
    const Context = window.AudioContext || window.webkitAudioContext;
    if (Context && !audio) audio = new Context();
    count = 0; tick();
    timer = setInterval(tick, period);
    button.textContent = "Stop metronome";
  });
}

function setUpCounters(root) {
  root.querySelectorAll("[data-count]").forEach((button) => {
    button.addEventListener("click", () => {
      const input = root.getElementById(button.dataset.count);
      const next = Math.max(0, (Number(input.value) || 0) + Number(button.dataset.by));
      input.value = String(next);
    });
  });
}

const clockText = (s) => `${Math.floor(s / 60)}:${String(Math.floor(s % 60)).padStart(2, "0")}`;

// Count-up timers; the bounce timer writes its seconds into the form, and stops on pain.
function setUpTimer(box) {
  const limit = Number(box.dataset.limit);
  const clock = box.querySelector(".clock");
  const start = box.querySelector("[data-timer-start]");
  const pain = box.querySelector("[data-timer-pain]");
  const target = box.dataset.target ? document.getElementById(box.dataset.target) : null;
  let began = 0;
  let timer = null;
  const stop = (seconds) => {
    clearInterval(timer); timer = null;
    box.classList.remove("running");
    if (target) target.value = String(Math.round(seconds));
    start.textContent = "Start again";
  };
  start.addEventListener("click", () => {
    if (timer) { stop((Date.now() - began) / 1000); return; }
    began = Date.now();
    box.classList.add("running"); box.classList.remove("finished");
    start.textContent = "Stop";
    timer = setInterval(() => {
      const seconds = (Date.now() - began) / 1000;
      clock.textContent = clockText(Math.min(seconds, limit));
      if (seconds >= limit) { stop(limit); box.classList.add("finished"); }
    }, 200);
  });
  if (pain) {
    pain.addEventListener("click", () => {
      stop(timer ? (Date.now() - began) / 1000 : Number(target && target.value) || 0);
      const tick = document.querySelector('input[name="bounce_sharp_pain"]');
      if (tick) tick.checked = true;
    });
  }
}

function setUpRangeOutputs(root) {
  root.querySelectorAll("input[type=range][data-shows]").forEach((range) => {
    const out = root.getElementById(range.dataset.shows);
    const show = () => { out.textContent = range.value; };
    range.addEventListener("input", show);
    show();
  });
}

// The calendar address: select it on focus, copy it with one tap.
function setUpCopying(root) {
  root.querySelectorAll("[data-select-on-focus]").forEach((field) => {
    field.addEventListener("focus", () => field.select());
  });
  root.querySelectorAll("[data-copy]").forEach((button) => {
    button.addEventListener("click", async () => {
      const field = root.querySelector(button.dataset.copy);
      field.select();
      try {
        await navigator.clipboard.writeText(field.value);
        button.textContent = "Copied";
      } catch {
        button.textContent = "Press Ctrl+C";  // no clipboard access (plain http): it is selected
      }
    });
  });
}

// An empty time zone field starts with the browser's own zone.
function guessTimeZone(root) {
  root.querySelectorAll("input[data-guess-zone]").forEach((field) => {
    if (!field.value) field.value = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  });
}

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("form.wizard").forEach(setUpWizard);
  document.querySelectorAll(".metronome").forEach(setUpMetronome);
  document.querySelectorAll(".timer").forEach(setUpTimer);
  setUpCounters(document);
  setUpRangeOutputs(document);
  setUpCopying(document);
  guessTimeZone(document);
});
