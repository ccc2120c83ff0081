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

// Sound: one AudioContext, made on the runner's first tap (autoplay rules allow it then).
let audioContext = null;
function unlockSound() {
  const Context = window.AudioContext || window.webkitAudioContext;
  if (Context && !audioContext) {
    try { audioContext = new Context(); } catch { audioContext = null; }
  }
  if (audioContext && audioContext.state === "suspended") audioContext.resume().catch(() => {});
}

function beep(frequency, seconds, at = 0) {
  if (!audioContext) return;
  const when = audioContext.currentTime + at;
  const osc = audioContext.createOscillator();
  const gain = audioContext.createGain();
  osc.frequency.value = frequency;
  gain.gain.setValueAtTime(0.3, when);
  gain.gain.exponentialRampToValueAtTime(0.001, when + seconds);
  osc.connect(gain).connect(audioContext.destination);
  osc.start(when);
  osc.stop(when + seconds + 0.01);
}

// The end of a timer: two beeps, two buzzes (where the phone can), and the page changes too.
function timeIsUp() {
  beep(988, 0.2); beep(988, 0.2, 0.3);
  if (navigator.vibrate) navigator.vibrate([200, 100, 200]);
}

// Keeps the screen on while anything runs (Screen Wake Lock); a note where the browser can't.
const screenKeeper = (() => {
  const holders = new Set();
  let sentinel = null;
  let asking = false;
  const supported = "wakeLock" in navigator;
  const note = (box) => {
    const next = box.nextElementSibling;
    if (next && next.classList.contains("wake-note")) { next.hidden = false; return; }
    const p = document.createElement("p");
    p.className = "wake-note";
    p.setAttribute("role", "status");
    p.textContent = "Keep your screen on: this browser cannot do it for you.";
    box.after(p);
  };
  const release = () => {
    const held = sentinel;
    sentinel = null;
    if (held) held.release().catch(() => {});
  };
  const acquire = async () => {
    if (!supported || sentinel || asking || !holders.size) return;
    if (document.visibilityState !== "visible") return;
    asking = true;
    try {
      const got = await navigator.wakeLock.request("screen");
      got.addEventListener("release", () => { if (sentinel === got) sentinel = null; });
      sentinel = got;
      if (!holders.size) release();  // everything stopped while the browser was answering
    } catch {
      holders.forEach(note);  // refused (battery saver, a frame, no permission)
    } finally {
      asking = false;
    }
  };
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") acquire();  // the browser drops it when hidden
  });
  return {
    hold(box) {
      holders.add(box);
      if (!supported) { note(box); return; }
      acquire();
    },
    letGo(box) {
      holders.delete(box);
      if (!holders.size) release();
    },
  };
})();

// 60 bpm: a click and a pulse every beat, "up" on one, "down" on the next: a rep every two.
function setUpMetronome(box) {
  const button = box.querySelector("[data-metronome]");
  const beat = box.querySelector(".beat");
  const phase = box.querySelector(".phase");
  const reps = box.querySelector(".reps");
  const period = 60000 / Number(box.dataset.bpm || 60);
  const startText = button.textContent;
  let timer = null;
  let count = 0;
  const tick = () => {
    count += 1;
    const up = count % 2 === 1;
    beat.classList.add("on");
    beat.classList.toggle("down", !up);
    setTimeout(() => beat.classList.remove("on"), 150);
    if (phase) { phase.textContent = up ? "Up" : "Down"; phase.classList.toggle("down", !up); }
    if (reps && !up) reps.textContent = `${count / 2} ${count === 2 ? "rep" : "reps"}`;
    beep(up ? 880 : 660, 0.08);
  };
  if (reps) reps.hidden = false;
  button.addEventListener("click", () => {
    if (timer) {
      clearInterval(timer); timer = null;
      button.textContent = startText;
      box.classList.remove("running");
      screenKeeper.letGo(box);
      return;
    }
    unlockSound();
    count = 0;
    if (reps) reps.textContent = "0 reps";
    box.classList.add("running");
    tick();
    timer = setInterval(tick, period);
    button.textContent = "Stop metronome";
    screenKeeper.hold(box);
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

// Minutes and seconds: 300 -> "5:00", 45 -> "0:45" (the pages' mmss filter, in JS).
const clockText = (s) => {
  const whole = Math.max(0, Math.floor(s));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`;
};

// Timers count up to data-limit seconds (or down from it, with data-countdown). The bounce
// timer writes its seconds into the form, and stops on pain. The rest timer counts down.
function setUpTimer(box) {
  const limit = Number(box.dataset.limit);
  const down = "countdown" in box.dataset;
  const clock = box.querySelector(".clock");
  const start = box.querySelector("[data-timer-start]");
  const pain = box.querySelector("[data-timer-pain]");
  const target = box.dataset.target ? document.getElementById(box.dataset.target) : null;
  const startText = start.textContent;
  let began = 0;
  let timer = null;
  const show = (seconds) => {
    clock.textContent = down ? clockText(Math.ceil(limit - seconds)) : clockText(seconds);
  };
  const stop = (seconds) => {
    clearInterval(timer); timer = null;
    box.classList.remove("running");
    screenKeeper.letGo(box);
    if (target) target.value = String(Math.round(seconds));
    start.textContent = down ? startText : "Start again";
  };
  start.addEventListener("click", () => {
    if (timer) { stop((Date.now() - began) / 1000); return; }
    unlockSound();
    began = Date.now();
    box.classList.add("running"); box.classList.remove("finished");
    start.textContent = "Stop";
    show(0);
    screenKeeper.hold(box);
    timer = setInterval(() => {
      const seconds = (Date.now() - began) / 1000;
      show(Math.min(seconds, limit));
      if (seconds >= limit) {
        stop(limit);
        box.classList.add("finished");
        timeIsUp();
      }
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

// Ticking sets off while training: a tap greys the set's row and starts the exercise's rest
// timer, if it has one. Only a help for the eye: the form still sends every filled row, and
// without JavaScript the buttons stay hidden.
function setUpSetTicks(root) {
  root.querySelectorAll("[data-set-done]").forEach((button) => {
    const row = button.closest("[data-set-row]");
    if (!row) return;
    button.hidden = false;
    button.addEventListener("click", () => {
      const done = !row.classList.contains("set-done");
      row.classList.toggle("set-done", done);
      button.setAttribute("aria-pressed", String(done));
      if (!done) return;
      const card = row.closest("article");
      const rest = card && card.querySelector(".timer.rest");
      const start = rest && rest.querySelector("[data-timer-start]");
      if (start && !rest.classList.contains("running")) start.click();
    });
  });
}

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("form.wizard").forEach(setUpWizard);
  document.querySelectorAll(".metronome").forEach(setUpMetronome);
  document.querySelectorAll(".timer").forEach(setUpTimer);
  setUpSetTicks(document);
  setUpCounters(document);
  setUpRangeOutputs(document);
  setUpCopying(document);
  guessTimeZone(document);
});
