// luoshi 落实: the only script. Small progressive enhancements; every page
// works without it.
(function () {
  "use strict";
  // Ask before actions marked data-confirm (退回, 删除…).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  });
  // Print buttons on the 催办单.
  document.addEventListener("click", function (event) {
    var target = event.target;
    if (target && target.matches && target.matches("[data-print]")) {
      event.preventDefault();
      window.print();
    }
  });
  // Scroll the highlighted source sentence into view on the task page.
  window.addEventListener("load", function () {
    var mark = document.querySelector(".source-text mark");
    if (mark && mark.parentElement) {
      var box = mark.parentElement;
      box.scrollTop = Math.max(0, mark.offsetTop - box.offsetTop - 80);
    }
  });
})();
