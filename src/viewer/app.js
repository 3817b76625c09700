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

// Analyses as layers: the kernel density of reports as raster tiles, and Gi* hot spots of an area
// (hexagonal bins, false discovery rate corrected) from /analyses as GeoJSON.
const hotspotColours = ['match', ['get', 'gi_bin'],
  3, '#b2182b', 2, '#ef8a62', 1, '#fddbc7', -1, '#d1e5f0', -2, '#67a9cf', -3, '#2166ac', 'rgba(0,0,0,0)'];

document.getElementById('density').addEventListener('change', (event) => {
  if (!map.getSource('density')) {
    map.addSource('density', { type: 'raster', tiles: ['/analyses/density/{z}/{x}/{y}.png'], tileSize: 256 });
    map.addLayer({ id: 'density', type: 'raster', source: 'density', paint: { 'raster-opacity': 0.8 } });
  }
  map.setLayoutProperty('density', 'visibility', event.target.checked ? 'visible' : 'none');
});

document.getElementById('hotspots').addEventListener('click', async () => {
  const status = document.getElementById('hotspot-status');
  const area = encodeURIComponent(document.getElementById('hotspot-area').value.trim());
  status.textContent = '计算中…';
  const response = await fetch(`/analyses/hotspots?area=${area}&bin-size=500&fdr=true`);
  const result = await response.json();
  if (!response.ok) {
    status.textContent = `${result.parameter}: ${result.detail}`;
    return;
  }
  if (map.getSource('hotspots')) {
    map.getSource('hotspots').setData(result);
  } else {
    map.addSource('hotspots', { type: 'geojson', data: result });
    map.addLayer({ id: 'hotspots', type: 'fill', source: 'hotspots', paint: { 'fill-color': hotspotColours, 'fill-opacity': 0.6 } });
  }
  status.textContent = `${result.summary.hot} 热点, ${result.summary.cold} 冷点 / ${result.summary.features} 格元`;
});

map.on('load', () => { document.body.dataset.mapLoaded = 'true'; });
map.on('idle', () => { document.body.dataset.mapIdle = 'true'; });
