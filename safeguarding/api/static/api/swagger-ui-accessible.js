// Swagger UI, made to meet WCAG 2.2 AA: it renders some form controls without a name, and
// a close button with only an icon. As it renders (and re-renders), give each an accessible
// name taken from what the page shows beside it. tests/system/test_api_docs.py checks the
// page with axe in each state.
(function () {
  "use strict";

  function name(element, label) {
    if (!element.getAttribute("aria-label") && !element.labels?.length) {
      element.setAttribute("aria-label", label);
    }
  }

  function fix(root) {
    root.querySelectorAll("tr[data-param-name]").forEach(function (row) {
      var parameter = row.getAttribute("data-param-name");
      var where = row.getAttribute("data-param-in");
      var label = where ? parameter + " (" + where + ")" : parameter;
      row.querySelectorAll(".parameters-col_description select, .parameters-col_description input, .parameters-col_description textarea")
        .forEach(function (control) { name(control, label); });
    });
    root.querySelectorAll("textarea.body-param__text").forEach(function (area) {
      name(area, "Request body (JSON)");
    });
    root.querySelectorAll(".content-type, .body-param-content-type select, .response-control-media-type select, .servers select")
      .forEach(function (select) { name(select, "Media type"); });
    root.querySelectorAll("button.close-modal").forEach(function (button) {
      name(button, "Close");
    });
    // The authorise button says "Authorize" but was named "Apply credentials" (2.5.3).
    root.querySelectorAll(".auth-btn-wrapper button[aria-label]").forEach(function (button) {
      if (button.textContent.trim()) {
        button.setAttribute("aria-label", button.textContent.trim());
      }
    });
  }

  var target = document.getElementById("swagger-ui");
  if (!target) {
    return;
  }
  new MutationObserver(function () { fix(target); }).observe(target, {
    childList: true,
    subtree: true,
  });
  fix(target);
})();
