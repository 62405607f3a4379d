// Swagger UI on the API documentation page (/api/v1/docs/), read-only requests only.
"use strict";
(function () {
  var mount = document.getElementById("swagger-ui");
  if (!mount || typeof SwaggerUIBundle === "undefined") {
    return;
  }
  SwaggerUIBundle({
    url: mount.dataset.schema,
    domNode: mount,
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    supportedSubmitMethods: ["get", "head"],
    deepLinking: false,
  });
})();
