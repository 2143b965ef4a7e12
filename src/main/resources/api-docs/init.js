// Swagger UI over the server's own OpenAPI document (GET /api/openapi.json). "Authorize" takes an API token.
window.ui = SwaggerUIBundle({
  url: "../openapi.json",
  dom_id: "#swagger-ui",
  deepLinking: true,
  persistAuthorization: false,
});
