// A background job's progress page (every import: core/_job_progress.html), with JavaScript:
// asks how far the job has got every few seconds (the URL in data-import-progress), updates
// the progress bar and the live region (read out by screen readers), and reloads the page to
// show the result when the job has finished. Without JavaScript the page has a "Check
// progress" button that reloads it.
const POLL_MS = 2000;

const region = document.querySelector("[data-import-progress]");
if (region) {
  const url = region.dataset.importProgress;
  const bar = region.querySelector("progress");
  const text = region.querySelector("[data-progress-text]");

  const poll = async () => {
    try {
      const response = await fetch(url, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
        cache: "no-store",
      });
      if (response.ok) {
        const progress = await response.json();
        if (progress.finished) {
          window.location.reload();
          return;
        }
        bar.value = progress.percent;
        bar.textContent = `${progress.percent}%`;
        if (text.textContent.trim() !== progress.progress_text) {
          text.textContent = progress.progress_text;
        }
      }
    } catch {
      // Signed out or offline: the "Check progress" button still works. Try again later.
    }
    window.setTimeout(poll, POLL_MS);
  };

  window.setTimeout(poll, POLL_MS);
}
