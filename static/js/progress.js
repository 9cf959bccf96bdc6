// Live progress of a background task: asks the server every two seconds and updates the
// bar and the counts; when the task is finished the page reloads to show its results.
// Without JavaScript the page shows the progress as it was when loaded.
(() => {
  const box = document.querySelector("[data-job-live]");
  if (!box) {
    return;
  }
  const url = box.dataset.jobStatusUrl;
  const bar = box.querySelector("[data-job-bar]");
  const state = box.querySelector("[data-job-state]");
  const processed = box.querySelector("[data-job-processed]");

  async function poll() {
    let status;
    try {
      const response = await fetch(url, { headers: { Accept: "application/json" } });
      if (!response.ok) {
        throw new Error(String(response.status));
      }
      status = await response.json();
    } catch {
      window.setTimeout(poll, 5000);
      return;
    }
    if (status.finished) {
      window.location.reload();
      return;
    }
    bar.max = Math.max(status.total, 1);
    bar.value = status.processed;
    bar.textContent = `${status.percent} %`;
    state.textContent = status.state_label;
    processed.textContent = status.processed_label;
    for (const cell of box.querySelectorAll("[data-job-count]")) {
      cell.textContent = status.counts[cell.dataset.jobCount];
    }
    window.setTimeout(poll, 2000);
  }
  window.setTimeout(poll, 1000);
})();
