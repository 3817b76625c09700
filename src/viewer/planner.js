// Planner mode: open a plan on a grid or an area; split a grid or move a shared boundary by drawing a
// line on the map (terra-draw, snapping to the plan's vertices), merge, hand a grid to another parent,
// ask for a balanced split; each step checked by the server at once, a refusal's place drawn in red;
// preview the plan against today's grids, then apply or discard. A date shows the grids as they were.

import { drawShape, isDrawing } from '/viewer/draw.js';

const planners = ['planner', 'admin'];
const changes = { added: '新增', removed: '删除', changed: '调整', same: '不变' };
const snapPixels = 12;

export function setupPlanner({ map, authFetch, escape }) {
  const $ = (id) => document.getElementById(id);
  let plan = null; // the plan's state as the server last answered it
  let selected = [];

  const status = (text, problem = false) => { $('plan-status').textContent = text; $('plan-status').className = problem ? 'problem' : 'hint'; };

  // Depth of each grid below the plan's root: 1 for the root's children.
  function depths() {
    const parentOf = new Map(plan.features.map((f) => [f.properties.code, f.properties.parent]));
    const depth = (code) => (parentOf.has(parentOf.get(code)) ? 1 + depth(parentOf.get(code)) : 1);
    return new Map(plan.features.map((f) => [f.properties.code, depth(f.properties.code)]));
  }

  function layerData() {
    const depth = depths();
    const level = Number($('plan-level').value) || 1;
    return {
      type: 'FeatureCollection',
      features: plan.features.filter((f) => depth.get(f.properties.code) === level)
        .map((f) => ({ ...f, properties: { ...f.properties, selected: selected.includes(f.properties.code) } })),
    };
  }

  function show(id, data, layers) {
    if (map.getSource(id)) { map.getSource(id).setData(data); return; }
    map.addSource(id, { type: 'geojson', data });
    for (const layer of layers) map.addLayer({ source: id, ...layer });
  }

  function render() {
    const levels = Math.max(...depths().values());
    const level = Math.min(Number($('plan-level').value) || 1, levels);
    $('plan-level').innerHTML = Array.from({ length: levels }, (_, i) => `<option value="${i + 1}"${level === i + 1 ? ' selected' : ''}>第 ${i + 1} 层</option>`).join('');
    show('plan', layerData(), [
      { id: 'plan-fill', type: 'fill', paint: { 'fill-color': ['case', ['get', 'selected'], '#fd8d3c', '#9ecae1'], 'fill-opacity': 0.35 } },
      { id: 'plan-line', type: 'line', paint: { 'line-color': '#08519c', 'line-width': 1.5 } },
      { id: 'plan-names', type: 'symbol', layout: { 'text-field': ['get', 'name'], 'text-size': 11, 'text-font': ['Noto Sans CJK SC Regular'] }, paint: { 'text-color': '#08306b', 'text-halo-color': '#fff', 'text-halo-width': 1.2 } },
    ]);
    $('plan-selected').textContent = selected.length ? `已选：${selected.join('、')}` : '点击地图选择网格';
    $('plan').dataset.revision = String(plan.revision);
    $('plan').dataset.id = plan.id;
    showFault(null);
  }

  function showFault(geometry) {
    show('plan-fault', { type: 'FeatureCollection', features: geometry ? [{ type: 'Feature', properties: {}, geometry }] : [] }, [
      { id: 'plan-fault-fill', type: 'fill', filter: ['==', ['geometry-type'], 'Polygon'], paint: { 'fill-color': '#e31a1c', 'fill-opacity': 0.6 } },
      { id: 'plan-fault-line', type: 'line', paint: { 'line-color': '#e31a1c', 'line-width': 4 } },
      { id: 'plan-fault-point', type: 'circle', filter: ['==', ['geometry-type'], 'Point'], paint: { 'circle-color': '#e31a1c', 'circle-radius': 7 } },
    ]);
  }

  /** Sends one plan request; a refusal is shown with its rule and place, a success redraws the plan. */
  async function send(path, method, body) {
    const response = await authFetch(`/plans/${plan.id}${path}`, body === undefined ? { method } : { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    const answer = response.status === 204 ? {} : await response.json();
    if (!response.ok) {
      status(`${answer.rule ? `[${answer.rule}] ` : ''}${answer.detail}`, true);
      showFault(answer.at ?? null);
      $('plan').dataset.refused = answer.rule ?? answer.title;
      return null;
    }

    return answer;
  }

  async function edited(answer, text) {
    if (!answer) return;
    plan = answer;
    selected = [];
    render();
    status(text);
  }

  $('plan-open').addEventListener('click', async () => {
    const root = $('plan-root').value.trim();
    const body = /^\d{6}(\d{3})?$/.test(root) ? { area: root } : { grid: root };
    const response = await authFetch('/plans', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ title: $('plan-title').value.trim() || `调整 ${root}`, ...body }) });
    const answer = await response.json();
    if (!response.ok) { status(`${answer.parameter ?? ''} ${answer.detail}`, true); return; }
    plan = answer;
    selected = [];
    $('plan-tools').hidden = false;
    render();
    const flat = plan.features.flatMap((f) => f.geometry.coordinates.flat(2));
    const xs = flat.filter((_, i) => i % 2 === 0), ys = flat.filter((_, i) => i % 2 === 1);
    map.fitBounds([[Math.min(...xs), Math.min(...ys)], [Math.max(...xs), Math.max(...ys)]], { padding: 30 });
    status(`方案已打开：${plan.features.length} 个网格`);
  });

  $('plan-level').addEventListener('change', () => { selected = []; render(); });

  map.on('click', 'plan-fill', (event) => {
    if (isDrawing() || !plan) return;
    event.preventDefault();
    const code = event.features[0].properties.code;
    selected = selected.includes(code) ? selected.filter((c) => c !== code) : [...selected.slice(-1), code];
    render();
  });

  // --- Drawing a line (the page's one terra-draw), snapping to the plan's vertices.
  function nearestVertex(event) {
    let best = null;
    let bestDistance = snapPixels;
    for (const f of layerData().features) {
      for (const [lng, lat] of f.geometry.coordinates.flat(f.geometry.type === 'Polygon' ? 1 : 2)) {
        const p = map.project([lng, lat]);
        const d = Math.hypot(p.x - event.containerX, p.y - event.containerY);
        if (d < bestDistance) { bestDistance = d; best = [lng, lat]; }
      }
    }
    return best ?? undefined;
  }

  async function startLine(kind) {
    const line = await drawShape(map, 'linestring', { snapTo: nearestVertex, ready: () => status('在地图上画线：单击加点，Enter 完成，Esc 取消') });
    if (!line) { status('已取消画线'); return; }
    if (kind === 'split') await edited(await send('/split', 'POST', { grid: selected[0], cut: line }), `已分割 ${selected[0]}`);
    else await edited(await send('/boundary', 'POST', { grids: selected, line }), `已移动 ${selected.join('、')} 的边界`);
  }

  const need = (n, what) => {
    if (selected.length === n) return true;
    status(`${what}需先选择 ${n} 个网格`, true);
    return false;
  };

  $('plan-split').addEventListener('click', () => { if (need(1, '分割')) startLine('split'); });
  $('plan-boundary').addEventListener('click', () => { if (need(2, '移动边界')) startLine('boundary'); });
  $('plan-merge').addEventListener('click', async () => {
    if (!need(2, '合并')) return;
    const name = plan.features.find((f) => f.properties.code === selected[0]).properties.name;
    await edited(await send('/merge', 'POST', { grids: selected, name }), `已合并为 ${selected[0]}`);
  });
  $('plan-reassign').addEventListener('click', async () => {
    if (!need(1, '移交')) return;
    await edited(await send('/reassign', 'POST', { grid: selected[0], parent: $('plan-parent').value.trim() }), `已将 ${selected[0]} 移交 ${$('plan-parent').value.trim()}`);
  });
  $('plan-suggest').addEventListener('click', async () => {
    if (!need(1, '建议分割')) return;
    const answer = await send('/suggest', 'POST', { grid: selected[0], k: Number($('plan-k').value), by: 'households' });
    await edited(answer, answer ? `建议：${selected[0]} 按户数均分为 ${$('plan-k').value} 个` : '');
  });

  // A grid's 网格员: a new grid has none until one is named (the coverage check calls that 纵向未到底).
  $('plan-worker-set').addEventListener('click', async () => {
    if (!need(1, '配备网格员')) return;
    const worker = { name: $('plan-worker-name').value.trim(), role: '网格员', phone: $('plan-worker-phone').value.trim() };
    await edited(await send(`/grids/${encodeURIComponent(selected[0])}`, 'PATCH', { workers: [worker] }), `${selected[0]} 的网格员：${worker.name}`);
  });

  // --- Preview: every grid that changes against today's, the balance, and the boundaries that move.
  $('plan-preview').addEventListener('click', async () => {
    const p = await send('/preview', 'GET');
    if (!p) return;
    const b = p.balance;
    const rows = p.grids.filter((g) => g.change !== 'same' || g.depth === 1).map((g) => `<tr class="${g.change}"><td>${escape(g.code)}</td><td>${escape(changes[g.change])}</td>`
      + `<td>${g.households_before ?? '–'} → ${g.households_after ?? '–'}</td><td>${g.area_before == null ? '–' : Math.round(g.area_before / 1e4) / 100} → ${g.area_after == null ? '–' : Math.round(g.area_after / 1e4) / 100}</td>`
      + `<td>${g.compactness_before ?? '–'} → ${g.compactness_after ?? '–'}</td></tr>`).join('');
    $('plan-preview-table').innerHTML = `<p>户数离散系数 ${b.households_cv_before} → ${b.households_cv_after}；每名网格员户数离散系数 ${b.households_per_worker_cv_before ?? '–'} → ${b.households_per_worker_cv_after ?? '–'}</p>`
      + `<table><tr><th>网格</th><th>变化</th><th>户数</th><th>面积 km²</th><th>紧凑度</th></tr>${rows}</table>`;
    show('plan-moved', { type: 'FeatureCollection', features: p.moved_boundaries ? [{ type: 'Feature', properties: {}, geometry: p.moved_boundaries }] : [] },
      [{ id: 'plan-moved', type: 'line', paint: { 'line-color': '#e7298a', 'line-width': 3, 'line-dasharray': [2, 1] } }]);
  });

  function close(text) {
    plan = null;
    selected = [];
    $('plan-tools').hidden = true;
    $('plan-preview-table').innerHTML = '';
    for (const id of ['plan', 'plan-fault', 'plan-moved']) if (map.getSource(id)) map.getSource(id).setData({ type: 'FeatureCollection', features: [] });
    status(text);
  }

  $('plan-apply').addEventListener('click', async () => {
    const answer = await send('/apply', 'POST');
    if (!answer) return;
    map.refreshTiles('geogrid');
    close('方案已生效，地图已更新');
  });
  $('plan-discard').addEventListener('click', async () => {
    if (await send('', 'DELETE')) close('方案已放弃');
  });

  // --- The grids as they were on a date: tiles from the grids' history, by a date or by a slider over
  // the days since the history began, its ticks on the days the grids changed.
  const day = 86_400_000;
  const cst = (ms) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
  const today = Date.parse(`${cst(Date.now())}T00:00:00+08:00`);
  let first = today - 365 * day;
  const slider = $('asof-slider');
  const dateAt = (value) => (Number(value) >= Number(slider.max) ? '' : cst(first + Number(value) * day));

  async function showAsOf(date) {
    const tilejson = await fetch('/tiles/geogrid.json').then((r) => r.json());
    const template = tilejson.tiles[0];
    map.getSource('geogrid').setTiles([date ? `${template}?datetime=${date}` : template]);
    $('asof-status').textContent = date ? `显示 ${date} 的网格` : '';
    slider.dataset.shown = date || 'today';
  }

  fetch('/grids/changes').then((r) => r.json()).then(({ since, changes }) => {
    if (since) first = Math.min(first, Date.parse(`${cst(Date.parse(since))}T00:00:00+08:00`));
    slider.max = String(Math.round((today - first) / day));
    slider.value = slider.max;
    const days = [...new Set(changes.map((c) => Math.round((Date.parse(`${cst(Date.parse(c.at))}T00:00:00+08:00`) - first) / day)))];
    $('asof-changes').innerHTML = days.map((d) => `<option value="${d}"></option>`).join('');
    slider.title = `${changes.length} 次网格变更`;
  });
  slider.addEventListener('input', () => { $('asof-status').textContent = dateAt(slider.value) ? `${dateAt(slider.value)}（松开显示）` : '今天'; });
  slider.addEventListener('change', () => {
    $('asof').value = dateAt(slider.value);
    showAsOf(dateAt(slider.value));
  });
  $('asof').addEventListener('change', (event) => {
    const date = event.target.value;
    if (date) slider.value = String(Math.round((Date.parse(`${date}T00:00:00+08:00`) - first) / day));
    else slider.value = slider.max;
    showAsOf(date);
  });

  return {
    setAccount(me) {
      $('plan').hidden = !(me?.signed_in && planners.includes(me.role));
    },
  };
}
