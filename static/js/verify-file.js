// Dropping a file on the upload area puts it in the form's file input and sends it.
// Without JavaScript the file input works on its own.
document.querySelectorAll("[data-drop-zone]").forEach((zone) => {
  const input = zone.querySelector('input[type="file"]');
  if (!input) return;
  ["dragenter", "dragover"].forEach((name) => {
    zone.addEventListener(name, (event) => {
      event.preventDefault();
      zone.classList.add("drop-active");
    });
  });
  ["dragleave", "drop"].forEach((name) => {
    zone.addEventListener(name, () => zone.classList.remove("drop-active"));
  });
  zone.addEventListener("drop", (event) => {
    event.preventDefault();
    if (!event.dataTransfer || event.dataTransfer.files.length === 0) return;
    input.files = event.dataTransfer.files;
    input.form.requestSubmit();
  });
});
