// Dates and times the Vietnamese way in every browser: dd/mm/yyyy and a 24-hour clock.
//
// A browser's own date picker follows the browser's language (mm/dd/yyyy and "11:59 PM" on an
// English Windows). Each <input type="date|datetime-local|time"> becomes a text box that shows
// and accepts "10/11/2026", "10/11/2026 23:59" or "23:59"; the original input stays in the form,
// hidden, and carries the ISO value the server reads. What cannot be read is sent as typed, so
// the server answers with its own Vietnamese message and the text stays in the box.
(() => {
  "use strict";

  const PLACEHOLDERS = {
    date: "dd/mm/yyyy",
    "datetime-local": "dd/mm/yyyy hh:mm",
    time: "hh:mm",
  };
  const pad = (n) => String(n).padStart(2, "0");

  const validDate = (d, m, y) => {
    const date = new Date(Date.UTC(y, m - 1, d));
    return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  };

  const readDate = (text) => {
    const match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
    if (!match) return null;
    const [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
    return validDate(d, m, y) ? `${y}-${pad(m)}-${pad(d)}` : null;
  };

  const readTime = (text) => {
    const match = /^(\d{1,2})[:hg.](\d{2})$/.exec(text);
    if (!match) return null;
    const [h, min] = [Number(match[1]), Number(match[2])];
    return h < 24 && min < 60 ? `${pad(h)}:${pad(min)}` : null;
  };

  // Typed text → the ISO value of the hidden input (null: not readable).
  const toIso = (kind, text) => {
    const value = text.trim().replace(/\s+/g, " ");
    if (kind === "date") return readDate(value);
    if (kind === "time") return readTime(value);
    const [day, time] = value.split(" ");
    const date = readDate(day || "");
    const clock = readTime(time || "");
    return date && clock ? `${date}T${clock}` : null;
  };

  // The ISO value the server rendered → what the text box shows.
  const fromIso = (kind, value) => {
    const date = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
    const clock = /(?:T|^)(\d{2}):(\d{2})/.exec(value);
    if (kind === "date") return date ? `${date[3]}/${date[2]}/${date[1]}` : value;
    if (kind === "time") return clock ? `${clock[1]}:${clock[2]}` : value;
    return date && clock ? `${date[3]}/${date[2]}/${date[1]} ${clock[1]}:${clock[2]}` : value;
  };

  const COPIED = ["class", "required", "disabled", "readonly", "aria-describedby", "aria-invalid"];

  const enhance = (input) => {
    const kind = input.type;
    if (!(kind in PLACEHOLDERS) || input.dataset.tdcDate) return;
    const shown = document.createElement("input");
    shown.type = "text";
    shown.inputMode = "numeric";
    shown.autocomplete = "off";
    shown.placeholder = PLACEHOLDERS[kind];
    shown.dataset.tdcDateShown = kind;
    for (const name of COPIED) {
      if (input.hasAttribute(name)) shown.setAttribute(name, input.getAttribute(name));
    }
    // A browser empties an unreadable value of a date input: the attribute keeps what was sent.
    const sent = input.value || input.getAttribute("value") || "";
    shown.value = sent ? fromIso(kind, sent) : "";
    if (input.id) {
      shown.id = input.id;
      input.removeAttribute("id");
    }
    input.dataset.tdcDate = kind;
    input.type = "hidden";
    input.removeAttribute("required");
    input.before(shown);
    const sync = () => {
      const iso = toIso(kind, shown.value);
      input.value = iso !== null ? iso : shown.value.trim();
    };
    shown.addEventListener("input", sync);
    shown.addEventListener("change", sync);
    sync();
  };

  const enhanceAll = (root) => {
    root
      .querySelectorAll('input[type="date"], input[type="datetime-local"], input[type="time"]')
      .forEach(enhance);
  };

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", () => enhanceAll(document));
  } else {
    enhanceAll(document);
  }
  // Forms that htmx swaps in get the same treatment.
  document.addEventListener("htmx:load", (event) => enhanceAll(event.target));
})();
