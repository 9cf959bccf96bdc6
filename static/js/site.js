// Small progressive enhancements; every page works without them.
document.documentElement.classList.add("js");

document.querySelectorAll("select[data-autosubmit]").forEach((select) => {
  select.addEventListener("change", () => select.form.submit());
});

document.querySelectorAll("form[data-confirm]").forEach((form) => {
  form.addEventListener("submit", (event) => {
    if (!window.confirm(form.dataset.confirm)) {
      event.preventDefault();
    }
  });
});

// A field being written in is never hidden under the bar at the bottom of a long form:
// focusing one that lies under it scrolls the page up, as far as the field's top allows.
document.addEventListener("focusin", (event) => {
  const bar = document.querySelector(".save-bar");
  if (!bar || bar.contains(event.target)) return;
  // The buttons after the bar: scrolling to them puts the bar back in its place above them.
  if (bar.compareDocumentPosition(event.target) & Node.DOCUMENT_POSITION_FOLLOWING) return;
  const field = event.target.getBoundingClientRect();
  const barTop = bar.getBoundingClientRect().top;
  const margin = 8;
  if (field.bottom + margin > barTop) {
    window.scrollBy(0, Math.min(field.bottom + margin - barTop, field.top - margin));
  }
});

// Copy buttons next to read-only fields; without JavaScript the field's text is selectable.
document.querySelectorAll("button[data-copy]").forEach((button) => {
  button.addEventListener("click", () => {
    const field = document.getElementById(button.dataset.copy);
    if (!field) return;
    field.select();
    const done = () => {
      const label = button.textContent;
      button.textContent = button.dataset.copied;
      setTimeout(() => (button.textContent = label), 1500);
    };
    if (navigator.clipboard) {
      navigator.clipboard.writeText(field.value).then(done, () => {});
    } else if (document.execCommand("copy")) {
      done();
    }
  });
});
