// Inspector mode: the 四乱 sites in the map view, filtered by status, category, zone and overdue; a
// site's timeline with only the next steps the signed-in role may take; a new site added by a click (a
// point) or by drawing its outline (a polygon: an occupied or built-up patch). Overdue sites stand out
// on the map (a red ring) and in the list.

import { drawShape } from '/viewer/draw.js';

const openStatuses = ['found', 'verified', 'assigned', 'demolished', 'cleared'];
const finders = ['grid_worker', 'inspector', 'admin'];

export function setupInspector({ map, loaded, authFetch, label, labels, escape }) {
  const list = document.getElementById('site-list');
  const count = document.getElementById('site-count');
  const detail = document.getElementById('site-detail');
  const status = document.getElementById('site-status');
  const category = document.getElementById('site-category');
  const zone = document.getElementById('site-zone');
  const overdueOnly = document.getElementById('site-overdue');
  const addLine = document.getElementById('site-add-line');
  const form = document.getElementById('site-new');
  let account = null;
  let overdue = new Map();
  let placing = null;

  const options = (group) => Object.entries(labels[group] ?? {}).map(([key, text]) => `<option value="${escape(key)}">${escape(text)}</option>`).join('');
  status.innerHTML = `<option value="open">未结</option><option value="">全部状态</option>${options('site_status')}`;
  category.innerHTML = `<option value="">全部类别</option>${options('site_category')}`;
  zone.innerHTML = `<option value="">全部滩区</option>${options('floodplain_zone_kind')}`;
  document.getElementById('site-new-category').innerHTML = options('site_category');

  const quote = (value) => `'${String(value).replace(/'/g, "''")}'`;

  function filterText() {
    const parts = [];
    if (status.value === 'open') parts.push(`status IN (${openStatuses.map(quote).join(', ')})`);
    else if (status.value) parts.push(`status = ${quote(status.value)}`);
    if (category.value) parts.push(`category = ${quote(category.value)}`);
    if (zone.value) parts.push(`zone = ${quote(zone.value)}`);
    if (overdueOnly.checked) parts.push(overdue.size ? `code IN (${[...overdue.keys()].map(quote).join(', ')})` : 'code = \'\'');
    return parts.join(' AND ');
  }

  // Overdue sites (past their step's deadline) as a ring over the map's own site symbols.
  async function loadOverdue() {
    const answer = await fetch('/sites/overdue').then((r) => (r.ok ? r.json() : { sites: [] })).catch(() => ({ sites: [] }));
    overdue = new Map(answer.sites.map((s) => [s.code, s]));
    const data = { type: 'FeatureCollection', features: answer.sites.map((s) => ({ type: 'Feature', properties: { code: s.code }, geometry: { type: 'Point', coordinates: [s.lon, s.lat] } })) };
    if (map.getSource('overdue')) map.getSource('overdue').setData(data);
    else {
      map.addSource('overdue', { type: 'geojson', data });
      map.addLayer({ id: 'overdue', type: 'circle', source: 'overdue', paint: { 'circle-radius': 9, 'circle-color': 'rgba(0,0,0,0)', 'circle-stroke-color': '#b2182b', 'circle-stroke-width': 2.5 } });
    }
  }

  let listing = 0;
  async function loadList() {
    const mine = ++listing;
    const b = map.getBounds();
    const query = new URLSearchParams({ bbox: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map((v) => v.toFixed(5)).join(','), limit: '100', sortby: '-found_at' });
    const filter = filterText();
    if (filter) query.set('filter', filter);
    const response = await authFetch(`/ogc/collections/sites/items?${query}`);
    const answer = await response.json();
    if (mine !== listing) return;
    if (!response.ok) { count.textContent = answer.detail ?? '查询失败'; list.innerHTML = ''; return; }
    const shown = answer.features.length;
    count.textContent = `当前视图 ${answer.numberMatched ?? shown} 处${answer.numberMatched > shown ? `，列出最近发现的 ${shown} 处` : ''}`;
    list.innerHTML = answer.features.map((f, i) => {
      const p = f.properties;
      const late = overdue.get(p.code);
      return `<li${late ? ' class="overdue"' : ''}><button type="button" data-i="${i}"><b>${escape(label('site_category', p.category))}</b> ${escape(p.code)}`
        + ` <span class="state">${escape(label('site_status', p.status))}</span>${late ? ` <span class="late">超期 ${Math.floor(late.overdue_days)} 天</span>` : ''}`
        + `<br><span class="detail">${escape(p.description ?? '')}</span></button></li>`;
    }).join('') || '<li class="hint">视图内没有符合条件的点位</li>';
    for (const button of list.querySelectorAll('button')) button.addEventListener('click', () => open(answer.features[button.dataset.i]));
    list.dataset.loaded = String(mine);
  }

  function centre(feature) {
    const c = feature.geometry.type === 'Point' ? feature.geometry.coordinates : feature.geometry.coordinates.flat(2);
    if (feature.geometry.type === 'Point') return c;
    const xs = c.filter((_, i) => i % 2 === 0), ys = c.filter((_, i) => i % 2 === 1);
    return [(Math.min(...xs) + Math.max(...xs)) / 2, (Math.min(...ys) + Math.max(...ys)) / 2];
  }

  async function open(feature) {
    map.flyTo({ center: centre(feature), zoom: Math.max(map.getZoom(), 15) });
    await showTimeline(feature.properties.code);
  }

  const time = (iso) => (iso ? new Date(iso).toLocaleString('zh-CN', { hour12: false }) : '');

  async function showTimeline(code) {
    detail.innerHTML = '<p class="hint">读取中…</p>';
    const response = await authFetch(`/ogc/collections/sites/items/${encodeURIComponent(code)}/events`);
    const t = await response.json();
    if (!response.ok) { detail.innerHTML = `<p class="problem">${escape(t.detail)}</p>`; return; }
    const late = t.overdue ? ` <span class="late">超期，应于 ${escape(time(t.due_at))} 前完成</span>` : t.due_at ? ` <span class="hint">期限 ${escape(time(t.due_at))}</span>` : '';
    const steps = t.next.length
      ? `<form id="site-step"><input id="site-step-note" placeholder="说明（可选）" aria-label="说明" maxlength="2000"> ${t.next.map((s) => `<button type="submit" value="${escape(s)}">${escape(label('site_status', s))}</button>`).join(' ')}</form>`
      : '';
    const base = `/ogc/collections/sites/items/${encodeURIComponent(t.code)}/attachments`;
    const attachment = (a) => (a.content_type.startsWith('image/')
      ? `<a href="${base}/${a.id}" target="_blank"><img class="photo" src="${base}/${a.id}" alt="${escape(a.file_name)}"></a>`
      : `<a href="${base}/${a.id}" target="_blank">${escape(a.file_name)}</a>`);
    // Photos and documents go with the latest event; staff who may add sites may add them.
    const upload = account?.signed_in && finders.includes(account.role)
      ? `<p><input type="file" id="site-photo" accept="image/jpeg,image/png,image/webp,application/pdf" aria-label="照片或文件"> <button type="button" id="site-photo-add">上传照片</button></p>`
      : '';
    detail.innerHTML = `<h3>${escape(label('site_category', t.category))} ${escape(t.code)} · ${escape(label('site_status', t.status))}${late}</h3>`
      + `<ol class="timeline">${t.events.map((e) => `<li><b>${escape(label('site_status', e.status))}</b> ${escape(time(e.at))}${e.actor ? ` · ${escape(e.actor)}` : ''}${e.note ? `<br><span class="detail">${escape(e.note)}</span>` : ''}`
        + `${e.attachments.length ? `<br>${e.attachments.map(attachment).join(' ')}` : ''}</li>`).join('')}</ol>`
      + (t.demolition_to_clearance_hours != null ? `<p class="hint">拆除到清理 ${escape(t.demolition_to_clearance_hours)} 小时</p>` : '')
      + steps + upload + '<p id="site-step-status" class="problem" aria-live="polite"></p>';
    document.getElementById('site-photo-add')?.addEventListener('click', async () => {
      const file = document.getElementById('site-photo').files[0];
      if (!file) return;
      const answer = await authFetch(base, { method: 'POST', headers: { 'Content-Type': file.type || 'application/octet-stream', 'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}` }, body: file });
      if (!answer.ok) { document.getElementById('site-step-status').textContent = (await answer.json()).detail; return; }
      await showTimeline(code);
    });
    detail.dataset.code = t.code;
    detail.dataset.status = t.status;
    // A shared link opens the same site.
    const url = new URL(location.href);
    url.searchParams.set('site', t.code);
    history.replaceState(null, '', url);
    const stepForm = document.getElementById('site-step');
    stepForm?.addEventListener('submit', async (event) => {
      event.preventDefault();
      const answer = await authFetch(`/ogc/collections/sites/items/${encodeURIComponent(code)}/events`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ status: event.submitter.value, note: document.getElementById('site-step-note').value }),
      });
      if (!answer.ok) { document.getElementById('site-step-status').textContent = (await answer.json()).detail; return; }
      await changed();
      await showTimeline(code);
    });
  }

  // After an edit: the server has dropped its cached tiles; the map fetches them again.
  async function changed() {
    map.refreshTiles('geogrid');
    await loadOverdue();
    await loadList();
  }

  // --- A new site: a click on the map places it, then category and description.
  document.getElementById('site-add').addEventListener('click', () => {
    placing = 'waiting';
    map.getCanvas().style.cursor = 'crosshair';
    document.getElementById('site-add-hint').textContent = '请在地图上点击点位位置';
  });
  map.on('click', (event) => {
    if (placing !== 'waiting') return;
    event.preventDefault();
    placing = event.lngLat;
    map.getCanvas().style.cursor = '';
    document.getElementById('site-add-hint').textContent = `位置 ${placing.lng.toFixed(5)}, ${placing.lat.toFixed(5)}`;
    form.hidden = false;
    document.getElementById('site-new-description').focus();
  });
  document.getElementById('site-draw').addEventListener('click', async () => {
    placing = null;
    form.hidden = true;
    const hint = document.getElementById('site-add-hint');
    const outline = await drawShape(map, 'polygon', { ready: () => { hint.textContent = '在地图上画出范围：单击加点，Enter 完成，Esc 取消'; } });
    if (!outline) { hint.textContent = '已取消'; return; }
    placing = outline;
    hint.textContent = `范围 ${outline.coordinates[0].length - 1} 个拐点`;
    form.hidden = false;
    document.getElementById('site-new-description').focus();
  });
  document.getElementById('site-new-cancel').addEventListener('click', () => { placing = null; form.hidden = true; document.getElementById('site-add-hint').textContent = ''; });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const round = ([lng, lat]) => [Number(lng.toFixed(6)), Number(lat.toFixed(6))];
    const feature = {
      type: 'Feature',
      geometry: placing.type === 'Polygon'
        ? { type: 'Polygon', coordinates: placing.coordinates.map((ring) => ring.map(round)) }
        : { type: 'Point', coordinates: round([placing.lng, placing.lat]) },
      properties: { category: document.getElementById('site-new-category').value, description: document.getElementById('site-new-description').value.trim() },
    };
    const response = await authFetch('/ogc/collections/sites/items', { method: 'POST', headers: { 'Content-Type': 'application/geo+json' }, body: JSON.stringify(feature) });
    const hint = document.getElementById('site-add-hint');
    if (!response.ok) { const p = await response.json(); hint.textContent = `${p.parameter ? `${p.parameter}：` : ''}${p.detail}`; return; }
    const code = response.headers.get('Location').split('/').pop();
    placing = null;
    form.hidden = true;
    form.reset();
    hint.textContent = `已添加 ${code}`;
    await changed();
    await showTimeline(code);
  });

  let moving;
  map.on('moveend', () => { clearTimeout(moving); moving = setTimeout(loadList, 300); });
  for (const control of [status, category, zone, overdueOnly]) control.addEventListener('change', loadList);
  loaded.then(async () => {
    await loadOverdue();
    await loadList();
    const linked = new URL(location.href).searchParams.get('site');
    if (linked) await showTimeline(linked);
  });

  return {
    /** Who is signed in: finders may add sites; the open timeline offers what this role may do. */
    setAccount(me) {
      account = me;
      addLine.hidden = !(account?.signed_in && finders.includes(account.role));
      if (detail.dataset.code) showTimeline(detail.dataset.code);
    },
  };
}
