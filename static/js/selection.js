// "Select all on this page" for the dashboard's participant table, and how many are
// selected. Without JavaScript every row's checkbox still works on its own.
(() => {
  const table = document.querySelector(".dashboard-table");
  const heading = table && table.querySelector("thead .select-cell");
  if (!heading) {
    return;
  }
  const boxes = [...table.querySelectorAll("tbody input[type=checkbox][name=participant]")];
  const count = document.querySelector("[data-selected-count]");
  const all = document.createElement("input");
  all.type = "checkbox";
  all.className = "form-check-input";
  all.id = "select-all";
  all.setAttribute("aria-label", heading.dataset.selectAllLabel);
  heading.replaceChildren(all);

  function update() {
    const selected = boxes.filter((box) => box.checked).length;
    all.checked = selected === boxes.length;
    all.indeterminate = selected > 0 && selected < boxes.length;
    if (count) {
      count.textContent = selected ? count.dataset.template.replace("%s", selected) : "";
    }
  }
  all.addEventListener("change", () => {
    for (const box of boxes) {
      box.checked = all.checked;
    }
    update();
  });
  for (const box of boxes) {
    box.addEventListener("change", update);
  }
  update();
})();
