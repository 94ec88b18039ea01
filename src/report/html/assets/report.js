"use strict";
// The report: render the view model embedded in the page.
(function () {
  var view = JSON.parse(document.getElementById("data").textContent);
  crosscheckRender(view);
})();
