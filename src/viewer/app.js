// GeoGrid web map: MapLibre GL JS over GeoGrid's own vector tiles and style.
import * as maplibregl from '/viewer/maplibre-gl/maplibre-gl.mjs';

const map = new maplibregl.Map({
  container: 'map',
  style: '/styles/geogrid.json',
  hash: true,
  // CJK labels are drawn with a local font, so the map needs no glyph server on the internet.
  localIdeographFontFamily: "'Noto Sans CJK SC', 'Noto Sans CJK', sans-serif",
});
map.addControl(new maplibregl.NavigationControl(), 'top-right');
map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }));
// Tests and the console reach the map through this.
window.geogridMap = map;

// The layer switcher: each checkbox shows or hides the style layers drawn from one tile layer.
for (const box of document.querySelectorAll('input[data-layer]')) {
  box.addEventListener('change', () => {
    for (const layer of map.getStyle().layers) {
      if (layer['source-layer'] === box.dataset.layer) {
        map.setLayoutProperty(layer.id, 'visibility', box.checked ? 'visible' : 'none');
      }
    }
  });
}

const escape = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

map.on('click', (event) => {
  const feature = map.queryRenderedFeatures(event.point).find((f) => f.sourceLayer);
  if (!feature) return;
  const rows = Object.entries(feature.properties)
    .map(([key, value]) => `<tr><th>${escape(key)}</th><td>${escape(value)}</td></tr>`).join('');
  new maplibregl.Popup({ maxWidth: '360px' })
    .setLngLat(event.lngLat)
    .setHTML(`<strong>${escape(feature.sourceLayer)}</strong><table class="attributes">${rows}</table>`)
    .addTo(map);
});

map.on('load', () => { document.body.dataset.mapLoaded = 'true'; });
map.on('idle', () => { document.body.dataset.mapIdle = 'true'; });
