// GeoGrid web map: MapLibre GL JS over GeoGrid's own vector tiles and style, with search, a
// "who is responsible here?" panel and a layer panel with legends, all in zh-CN.
import * as maplibregl from '/viewer/maplibre-gl/maplibre-gl.mjs';
import { setupInspector } from '/viewer/inspector.js';
import { setupAnalyst } from '/viewer/analyst.js';
import { setupPlanner } from '/viewer/planner.js';
import { isDrawing } from '/viewer/draw.js';

const map = new maplibregl.Map({
  container: 'map',
  style: '/styles/geogrid.json',
  hash: true,
  // CJK labels are drawn with a local font; Latin letters and digits come from GeoGrid's own glyph ranges.
  localIdeographFontFamily: "'Noto Sans CJK SC', 'Noto Sans CJK', sans-serif",
  // Labels appear at once rather than fading in over 300 ms: the map is complete sooner.
  fadeDuration: 0,
});
map.addControl(new maplibregl.NavigationControl(), 'top-right');
map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }));
// Tests and the console reach the map through this.
window.geogridMap = map;
map.on('idle', () => { document.body.dataset.mapIdle = 'true'; });
// Caught before the awaits below (sign-in, labels): the style may finish loading while they wait.
const loaded = new Promise((resolve) => { map.once('load', resolve); });

const escape = (text) => String(text ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

// --- Sign-in: a bearer token from /auth/token, kept for this tab only. What a person sees follows their
// role (a grid worker, inspector or planner sees workers' phones whole) and the areas they may change.
const tokenKey = 'geogrid-token';
const authFetch = (url, options = {}) => {
  const token = sessionStorage.getItem(tokenKey);
  return fetch(url, token ? { ...options, headers: { ...(options.headers ?? {}), Authorization: `Bearer ${token}` } } : options);
};

let account = null;
let inspector = null;
let analyst = null;
let planner = null;

async function showAccount() {
  const me = sessionStorage.getItem(tokenKey) ? await authFetch('/auth/me').then((r) => (r.ok ? r.json() : null)).catch(() => null) : null;
  account = me;
  inspector?.setAccount(me);
  analyst?.setAccount(me);
  planner?.setAccount(me);
  if (sessionStorage.getItem(tokenKey) && !me?.signed_in) sessionStorage.removeItem(tokenKey);
  document.getElementById('signin-form').hidden = Boolean(me?.signed_in);
  document.getElementById('whoami-line').hidden = !me?.signed_in;
  if (me?.signed_in) {
    document.getElementById('whoami').textContent = `已登录：${me.name}（${me.role_label}${me.areas ? `，限 ${me.areas.join('、')}` : ''}）`;
  }
}

document.getElementById('signin-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const status = document.getElementById('signin-status');
  status.textContent = '登录中…';
  const response = await fetch('/auth/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: document.getElementById('signin-user').value.trim(), password: document.getElementById('signin-password').value }),
  });
  const answer = await response.json();
  if (!response.ok) { status.textContent = answer.detail ?? '登录失败'; return; }
  sessionStorage.setItem(tokenKey, answer.access_token);
  document.getElementById('signin-password').value = '';
  status.textContent = '';
  await showAccount();
});
document.getElementById('signout').addEventListener('click', async () => {
  sessionStorage.removeItem(tokenKey);
  await showAccount();
});
await showAccount();

// The zh-CN label of every key the data uses (statuses, categories, levels, roles), from the server.
const labels = await fetch('/labels').then((r) => r.json()).catch(() => ({}));
const label = (group, key) => labels[group]?.[key] ?? key;

// Modes that write: registered before the map's own click handler, so a click that places a new site
// is not also a "who is responsible here?" question.
inspector = setupInspector({ map, loaded, authFetch, label, labels, escape });
inspector.setAccount(account);
analyst = setupAnalyst({ map, authFetch, label, escape });
analyst.setAccount(account);
planner = setupPlanner({ map, authFetch, escape });
planner.setAccount(account);

// Which label group a feature property's values belong to, per layer.
const valueGroups = {
  sites: { status: 'site_status', category: 'site_category' },
  reports: { status: 'report_status', category: 'report_category' },
  'floodplain-zones': { kind: 'floodplain_zone_kind' },
  villages: { level: 'admin_level' }, towns: { level: 'admin_level' }, districts: { level: 'admin_level' },
};
const propertyNames = {
  code: '编码', name: '名称', status: '状态', category: '类别', level: '级别', households: '户数', population: '人口',
  road_name: '道路', chief: '路长', seq: '路段序号', text: '内容', description: '描述', kind: '类型', created_at: '上报时间',
  found_at: '发现时间', closed_at: '办结时间', area_m2: '面积 (m²)', workers: '网格员', parent: '上级', zone: '滩区', grid: '网格',
};
const gridLevels = { 1: '一级网格', 2: '二级网格', 3: '三级网格' };

// --- Layer panel: each checkbox shows or hides the style layers drawn from one tile layer, with its legend.
function styleLayersOf(id) {
  // What shows a collection: its features, its label points (`towns-labels`) and what summarises it (the
  // per-grid report counts), as each style layer's metadata says.
  return map.getStyle().layers.filter((l) => l.metadata?.['geogrid:collection'] === id);
}

/** The colours a style layer paints, with what each means: a literal, or the branches of a match/case. */
function legendEntries(layer, id) {
  const paint = layer.paint ?? {};
  const colour = paint['fill-color'] ?? paint['line-color'] ?? paint['circle-color'];
  if (typeof colour === 'string') return [{ colour, text: '' }];
  if (Array.isArray(colour) && colour[0] === 'match') {
    const group = valueGroups[id]?.[colour[1]?.[1]];
    const entries = [];
    for (let i = 2; i < colour.length - 1; i += 2) entries.push({ colour: colour[i + 1], text: group ? label(group, colour[i]) : colour[i] });
    entries.push({ colour: colour[colour.length - 1], text: '其他' });
    return entries;
  }
  if (Array.isArray(colour) && colour[0] === 'case') return [{ colour: colour[2], text: '有' }, { colour: colour[3], text: '无' }];
  return [];
}

loaded.then(() => {
  for (const box of document.querySelectorAll('input[data-layer]')) {
    const layers = styleLayersOf(box.dataset.layer);
    if (layers.length === 0) {
      // A layer the base style does not draw (its features are still in the tiles and the API).
      box.disabled = true;
      box.checked = false;
      box.parentElement.title = '此图层不在底图中绘制';
      continue;
    }
    const legend = document.querySelector(`[data-legend="${box.dataset.layer}"]`);
    const entries = layers.flatMap((l) => legendEntries(l, box.dataset.layer)).filter((e, i, all) => all.findIndex((o) => o.colour === e.colour) === i);
    legend.innerHTML = entries.map((e) => `<span class="swatch" style="background:${escape(e.colour)}"></span>${escape(e.text)}`).join(' ');
    box.addEventListener('change', () => {
      for (const layer of layers) map.setLayoutProperty(layer.id, 'visibility', box.checked ? 'visible' : 'none');
    });
  }
  document.body.dataset.mapLoaded = 'true';
});

// --- A click: the feature's attributes in zh-CN, and who is responsible at that point.
const titles = Object.fromEntries([...document.querySelectorAll('input[data-layer]')].map((b) => [b.dataset.layer, b.dataset.title]));

function attributesHtml(feature) {
  const groups = valueGroups[feature.sourceLayer] ?? {};
  const rows = Object.entries(feature.properties)
    .filter(([key]) => key !== 'fid')
    .map(([key, value]) => `<tr><th>${escape(propertyNames[key] ?? key)}</th><td>${escape(groups[key] ? label(groups[key], value) : key === 'level' && feature.sourceLayer.startsWith('grids') ? gridLevels[value] ?? value : value)}</td></tr>`)
    .join('');
  return `<strong>${escape(titles[feature.sourceLayer] ?? feature.sourceLayer)}</strong><table class="attributes">${rows}</table>`;
}

function workersText(workers) {
  return (workers ?? []).map((w) => `${escape(label('worker_role', w.role))} ${escape(w.name)} <span class="phone">${escape(w.phone)}</span>`).join('；') || '<span class="missing">未配备网格员</span>';
}

async function showResponsibility(lngLat) {
  const here = document.getElementById('here');
  here.innerHTML = '<p class="hint">查询中…</p>';
  const response = await authFetch(`/analyses/responsibility?lon=${lngLat.lng.toFixed(6)}&lat=${lngLat.lat.toFixed(6)}`);
  const r = await response.json();
  if (!response.ok) {
    here.innerHTML = `<p class="problem">${escape(r.detail ?? r.title)}</p>`;
    return;
  }
  const parts = [`<h2>谁负责这里</h2><p class="place">${(r.admin_areas ?? []).map((a) => escape(a.name)).join(' › ') || '服务范围外'}</p>`];
  if (r.grids?.length) {
    parts.push('<dl>' + r.grids.map((g) => `<dt>${escape(gridLevels[g.level] ?? '网格')} ${escape(g.name)}</dt><dd>${workersText(g.workers)}</dd>`).join('') + '</dl>');
  }
  const road = r.nearest_road;
  if (road) {
    parts.push(`<p><b>路长制</b> ${escape(road.road_name)}（${Math.round(road.distance_m)} 米）：${road.chief ? `${escape(label('chief_level', road.chief.level))} ${escape(road.chief.name)} <span class="phone">${escape(road.chief.phone)}</span>` : '<span class="missing">无路长</span>'}；门前四包单位 ${escape(road.duty_units)} 家</p>`);
  }
  for (const zone of r.floodplain_zones ?? []) {
    parts.push(`<p><b>黄河滩区</b> ${escape(zone.name)}（${escape(label('floodplain_zone_kind', zone.kind))}）：${escape(zone.rules)}</p>`);
  }
  if (r.open_sites?.length) {
    parts.push(`<p><b>未结“四乱”</b> ${r.open_sites.map((s) => `${escape(label('site_category', s.category))}·${escape(label('site_status', s.status))}（${Math.round(s.distance_m)} 米）`).join('，')}</p>`);
  }
  if (r.open_reports?.count) {
    parts.push(`<p><b>附近未办结随手拍</b> ${escape(r.open_reports.count)} 件，最近：${r.open_reports.nearest.map((x) => `${escape(label('report_category', x.category))}·${escape(label('report_status', x.status))}`).join('，')}</p>`);
  }
  here.innerHTML = parts.join('');
  // The shared link keeps the point asked about, beside the map view.
  const url = new URL(location.href);
  url.searchParams.set('here', `${lngLat.lng.toFixed(6)},${lngLat.lat.toFixed(6)}`);
  history.replaceState(null, '', url);
}

map.on('click', (event) => {
  // A click that places a site or a point of a drawn shape asks nothing about the map.
  if (event.defaultPrevented || isDrawing()) return;
  const feature = map.queryRenderedFeatures(event.point).find((f) => f.sourceLayer);
  if (feature) {
    new maplibregl.Popup({ maxWidth: '360px' }).setLngLat(event.lngLat).setHTML(attributesHtml(feature)).addTo(map);
  }
  showResponsibility(event.lngLat);
});

const asked = new URL(location.href).searchParams.get('here')?.split(',').map(Number);
if (asked?.length === 2 && asked.every(Number.isFinite)) showResponsibility({ lng: asked[0], lat: asked[1] });

// --- Search: areas, grids, roads, chiefs, sites and reports by name or code; the map flies there.
const kinds = { area: '区域', grid: '网格', road: '道路', chief: '路长', site: '四乱', report: '随手拍' };
const results = document.getElementById('results');

function detailText(place) {
  if (place.kind === 'area') return label('admin_level', place.detail);
  if (place.kind === 'grid') return gridLevels[place.detail] ?? '';
  if (place.kind === 'road') return place.detail ? `路长 ${place.detail}` : '无路长';
  if (place.kind === 'chief') return label('chief_level', place.detail);
  if (place.kind === 'site') return label('site_status', place.detail);
  if (place.kind === 'report') return label('report_status', place.detail);
  return '';
}

function nameText(place) {
  if (place.kind === 'site') return `${label('site_category', place.name)} ${place.code}`;
  if (place.kind === 'report') return `${label('report_category', place.name)} ${place.code}`;
  return place.name;
}

function flyTo(place) {
  const [w, s, e, n] = place.bbox;
  if (w === e && s === n) map.flyTo({ center: [w, s], zoom: 16 });
  else map.fitBounds([[w, s], [e, n]], { padding: 40, maxZoom: 16 });
  document.getElementById('search').value = nameText(place);
  results.innerHTML = '';
}

async function search(text) {
  if (!text.trim()) { results.innerHTML = ''; return []; }
  const response = await fetch(`/search?q=${encodeURIComponent(text.trim())}&limit=12`);
  const found = await response.json();
  if (!response.ok) { results.innerHTML = `<li class="problem">${escape(found.detail)}</li>`; return []; }
  results.innerHTML = found.places.length
    ? found.places.map((p, i) => `<li><button type="button" data-i="${i}"><span class="kind">${escape(kinds[p.kind])}</span> ${escape(nameText(p))} <span class="detail">${escape(detailText(p))}</span></button></li>`).join('')
    : '<li class="hint">没有找到</li>';
  for (const button of results.querySelectorAll('button')) button.addEventListener('click', () => flyTo(found.places[button.dataset.i]));
  return found.places;
}

let typing;
document.getElementById('search').addEventListener('input', (event) => {
  clearTimeout(typing);
  typing = setTimeout(() => search(event.target.value), 250);
});
document.getElementById('search-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const places = await search(document.getElementById('search').value);
  if (places.length) flyTo(places[0]);
});
