// Writing never loses text: a warning before leaving a page with unsaved changes, and,
// on forms with data-autosave-url, saving the changed texts a moment after typing stops.
//
// The server answers an autosave with JSON: new values for the hidden version and
// fingerprint fields ("hidden"), a message to show, and on HTTP 409 the newer texts that
// were saved elsewhere ("conflicts"), which are shown beside the person's own. Every
// text shown to the person comes from the page (data- attributes) or from the server,
// so it is translated there.
(() => {
  "use strict";

  const DELAY_MS = 2000;
  const RETRY_MS = 15000;
  let leaving = false;
  const forms = [];

  function setStatus(form, text, tone) {
    const status = form.querySelector("[data-autosave-status]");
    if (!status) return;
    status.textContent = text;
    status.classList.toggle("text-danger", tone === "error");
    status.classList.toggle("text-warning-emphasis", tone === "warning");
    status.classList.toggle("text-body-secondary", !tone);
  }

  function statusText(form, key) {
    const status = form.querySelector("[data-autosave-status]");
    return status ? status.dataset[key] || "" : "";
  }

  function setHidden(form, values) {
    Object.entries(values || {}).forEach(([name, value]) => {
      const input = form.elements.namedItem(name);
      if (input) input.value = value;
    });
  }

  function showConflicts(form, conflicts) {
    Object.entries(conflicts || {}).forEach(([name, saved]) => {
      const box = form.querySelector(`[data-conflict-for="${CSS.escape(name)}"]`);
      if (!box) return;
      box.querySelector("textarea").value = saved;
      box.hidden = false;
    });
  }

  function watch(form) {
    const state = {
      dirty: new Set(),
      timer: null,
      inFlight: false,
      again: false,
      paused: false,
      // A Save pressed while an autosave is on its way waits for its answer, so that it
      // sends the versions that answer brings instead of conflicting with it.
      submitter: null,
    };
    forms.push(state);
    const url = form.dataset.autosaveUrl;

    function schedule(delay) {
      window.clearTimeout(state.timer);
      state.timer = window.setTimeout(save, delay);
    }

    async function save() {
      if (!url || state.paused || leaving) return;
      if (state.inFlight) {
        state.again = true;
        return;
      }
      const fields = [...state.dirty].filter((el) => el.hasAttribute("data-autosave"));
      if (!fields.length) return;
      if (!navigator.onLine) {
        setStatus(form, statusText(form, "offline"), "error");
        return;
      }

      const body = new FormData();
      body.append("csrfmiddlewaretoken", form.elements.namedItem("csrfmiddlewaretoken").value);
      const sent = new Map();
      fields.forEach((el) => {
        body.append(el.name, el.value);
        sent.set(el, el.value);
        [el.dataset.versionField, el.dataset.loadedField].forEach((name) => {
          const hidden = name && form.elements.namedItem(name);
          if (hidden && !body.has(name)) body.append(name, hidden.value);
        });
      });

      state.inFlight = true;
      setStatus(form, statusText(form, "saving"));
      try {
        const response = await fetch(url, {
          method: "POST",
          body,
          credentials: "same-origin",
          headers: { Accept: "application/json" },
        });
        const type = response.headers.get("Content-Type") || "";
        if (!type.startsWith("application/json")) {
          // A login page after the session ended, or a server error page.
          throw new Error("unexpected answer");
        }
        const data = await response.json();
        setHidden(form, data.hidden);
        if (response.ok) {
          sent.forEach((value, el) => {
            if (el.value === value) state.dirty.delete(el);
          });
          setStatus(form, data.message);
        } else if (response.status === 409) {
          // Both texts stay on the page; saving again is the person's decision.
          showConflicts(form, data.conflicts);
          state.paused = true;
          setStatus(form, data.message, "warning");
        } else {
          const errors = Object.values(data.errors || {}).flat();
          setStatus(form, [data.message, ...errors].join(" "), "error");
          if (response.status === 403) state.paused = true;
        }
      } catch (error) {
        const offline = !navigator.onLine || error instanceof TypeError;
        setStatus(form, statusText(form, offline ? "offline" : "failed"), "error");
        schedule(RETRY_MS);
      } finally {
        state.inFlight = false;
        if (state.submitter) {
          const submitter = state.submitter;
          state.submitter = null;
          form.requestSubmit(submitter);
        } else if (state.again) {
          state.again = false;
          schedule(0);
        }
      }
    }

    function changed(event) {
      const el = event.target;
      if (!el.name || el.type === "hidden") return;
      state.dirty.add(el);
      if (url && !state.paused && el.hasAttribute("data-autosave")) schedule(DELAY_MS);
    }

    form.addEventListener("input", changed);
    form.addEventListener("change", changed);
    form.addEventListener("submit", (event) => {
      if (event.defaultPrevented) return;
      if (state.inFlight) {
        event.preventDefault();
        state.submitter = event.submitter || form.querySelector("[type=submit]");
        return;
      }
      leaving = true;
      window.clearTimeout(state.timer);
    });
    window.addEventListener("online", () => {
      if (state.dirty.size) schedule(0);
    });
  }

  document.querySelectorAll("form[data-warn-unsaved]").forEach(watch);

  window.addEventListener("beforeunload", (event) => {
    if (leaving || !forms.some((state) => state.dirty.size)) return;
    event.preventDefault();
    // Older browsers show the warning only when returnValue is set.
    event.returnValue = "";
  });
})();
