// The query page: YASGUI pointed at this server's /sparql, with the competency questions
// as one-click examples. Nothing is fetched from other hosts.
(function () {
  "use strict";
  const endpoint = window.location.origin + "/sparql";
  const examples = JSON.parse(document.getElementById("examples").textContent);
  // class/property completion asks a remote vocabulary service: keep the page offline
  Yasgui.Yasqe.defaults.autocompleters = Yasgui.Yasqe.defaults.autocompleters.filter(
    (name) => name !== "class" && name !== "property"
  );
  const defaultQuery = JSON.parse(document.getElementById("default-query").textContent);
  const yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: endpoint, method: "GET" },
    yasqe: { value: defaultQuery },
    copyEndpointOnNewTab: true,
    persistenceId: "deploykb-query",
    endpointCatalogueOptions: {
      getData: () => [{ endpoint: endpoint }],
      keys: [],
    },
  });
  window.deploykbYasgui = yasgui;

  function runExample(name) {
    const example = examples.find((e) => e.name === name);
    if (!example) return;
    const tab = yasgui.addTab(
      true,
      { name: example.name, yasqe: { value: example.query }, requestConfig: { endpoint: endpoint } },
      { avoidDuplicateTabs: true }
    );
    tab.setQuery(example.query);
    tab.query().catch((err) => console.warn("query failed", err));
  }

  // IRIs of this knowledge base open their resource page on this server
  const dataNamespace = "https://w3id.org/deploykb/id/";
  document.getElementById("yasgui").addEventListener("click", (event) => {
    const link = event.target.closest("a[href]");
    if (link && link.href.startsWith(dataNamespace)) {
      event.preventDefault();
      window.location.assign("/id/" + link.href.slice(dataNamespace.length));
    }
  });

  document.querySelectorAll("button.example").forEach((button) => {
    button.addEventListener("click", () => runExample(button.dataset.name));
  });

  // /query?example=<name> opens and runs that competency question
  const requested = new URLSearchParams(window.location.search).get("example");
  if (requested) runExample(requested);
})();
