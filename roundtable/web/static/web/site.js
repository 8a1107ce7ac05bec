// Behaviour that templates would otherwise put in on*= attributes (forbidden by the
// Content-Security-Policy): a select that submits its form, a button that prints the page.
document.addEventListener("change", function (event) {
  var target = event.target;
  if (target instanceof HTMLSelectElement && target.hasAttribute("data-autosubmit") && target.form) {
    target.form.submit();
  }
});
document.addEventListener("click", function (event) {
  var target = event.target instanceof Element ? event.target.closest("[data-print]") : null;
  if (target) {
    event.preventDefault();
    window.print();
  }
});

// A table that scrolls inside its own box must be reachable by keyboard (arrow keys scroll it):
// give each box that overflows now a tab stop, and take it back when it no longer does.
function markScrollableBoxes() {
  document.querySelectorAll("main table, .table-scroll").forEach(function (box) {
    var scrolls = box.scrollWidth > box.clientWidth + 1 && getComputedStyle(box).overflowX !== "visible";
    if (scrolls && !box.hasAttribute("tabindex")) {
      box.setAttribute("tabindex", "0");
      box.setAttribute("data-scroll-tab", "");
    } else if (!scrolls && box.hasAttribute("data-scroll-tab")) {
      box.removeAttribute("tabindex");
      box.removeAttribute("data-scroll-tab");
    }
  });
}
document.addEventListener("DOMContentLoaded", markScrollableBoxes);
window.addEventListener("resize", markScrollableBoxes);
document.addEventListener("htmx:afterSettle", markScrollableBoxes);
