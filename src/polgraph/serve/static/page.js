// The query page of `polgraph serve`: YASGUI against this server's /sparql, nothing else.
// No request leaves this server: no prefix.cc or LOV autocompletion, no saved tabs.
"use strict";
(function () {
  const endpoint = new URL("sparql", window.location.href).href;
  document.getElementById("endpoint").textContent = endpoint;
  const yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: false,
    persistenceId: null,
    populateFromUrl: false,
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; } },
    yasqe: { autocompleters: ["variables"] },
    corsProxy: "",
  });
  window.polgraphYasgui = yasgui;
  const select = document.getElementById("examples");
  const question = document.getElementById("question");
  let examples = [];
  fetch("examples.json").then(function (r) { return r.json(); }).then(function (list) {
    examples = list;
    list.forEach(function (example, i) {
      const option = document.createElement("option");
      option.value = String(i);
      option.textContent = example.name + ": " + example.question;
      select.appendChild(option);
    });
    if (list.length) { show(0, false); }
  });
  function show(i, run) {
    const example = examples[i];
    const tab = yasgui.getTab();
    tab.setQuery(example.query);
    question.textContent = example.question;
    select.value = String(i);
    if (run) { tab.query(); }
  }
  select.addEventListener("change", function () {
    if (select.value !== "") { show(Number(select.value), true); }
  });
  fetch("health").then(function (r) { return r.json(); }).then(function (h) {
    document.getElementById("limits").textContent =
      h.source + " · time limit " + h.timeout + " s · at most " + h.max_rows + " rows";
  });
})();
