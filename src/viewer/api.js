// The browsable API page: Swagger UI (from npm, served locally) over GeoGrid's own OpenAPI document.
window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui', deepLinking: true });
window.apiReady = true;
