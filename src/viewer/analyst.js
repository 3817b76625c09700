// Analyst mode: the coverage check of an area (problems drawn and listed, a click zooms to one), hot
// spots (Gi*, optimized, emerging) and DBSCAN clusters with their parameters (a job with a progress bar
// for signed-in staff), kernel density, export of the last result as GeoJSON or CSV, and charts of the
// area's 随手拍 month by month and of the emerging patterns.

const jobRoles = ['analyst', 'planner', 'inspector', 'admin'];
const hotspotColours = ['match', ['get', 'gi_bin'],
  3, '#b2182b', 2, '#ef8a62', 1, '#fddbc7', -1, '#d1e5f0', -2, '#67a9cf', -3, '#2166ac', 'rgba(0,0,0,0)'];

export function setupAnalyst({ map, authFetch, label, escape }) {
  const $ = (id) => document.getElementById(id);
  let account = null;
  let last = null; // { name, result }: what the export buttons write

  /** An area's code from what was typed: a code as is, a name looked up. */
  async function areaCode() {
    const typed = $('hotspot-area').value.trim();
    if (/^[0-9A-Za-z-]+$/.test(typed)) return typed;
    const found = await fetch(`/search?q=${encodeURIComponent(typed)}&limit=12`).then((r) => r.json());
    const area = found.places?.find((p) => p.kind === 'area');
    if (!area) throw new Error(`没有名为“${typed}”的行政区域`);
    return area.code;
  }

  function show(id, data, paint, type = 'fill') {
    if (map.getSource(id)) map.getSource(id).setData(data);
    else {
      map.addSource(id, { type: 'geojson', data });
      map.addLayer({ id, type, source: id, paint });
    }
  }

  function remember(name, result) {
    last = { name, result };
    $('export').hidden = false;
  }

  /** Draws a chart in the one chart box (ECharts, loaded the first time), replacing whatever chart was there. */
  async function chart(option) {
    const echarts = await import('/viewer/echarts/echarts.esm.min.mjs');
    (echarts.getInstanceByDom($('chart')) ?? echarts.init($('chart'))).setOption(option, { notMerge: true });
  }

  function bounds(geometry) {
    const flat = JSON.stringify(geometry.coordinates).match(/-?\d+(\.\d+)?(e-?\d+)?/g).map(Number);
    const xs = flat.filter((_, i) => i % 2 === 0), ys = flat.filter((_, i) => i % 2 === 1);
    return [[Math.min(...xs), Math.min(...ys)], [Math.max(...xs), Math.max(...ys)]];
  }

  // --- Coverage: 横向到边、纵向到底 under an area or grid, two levels deep.
  $('coverage').addEventListener('click', async () => {
    const status = $('coverage-status');
    const list = $('coverage-problems');
    status.textContent = '检查中…';
    list.innerHTML = '';
    try {
      const code = await areaCode();
      const response = await fetch(`/analyses/coverage?parent=${encodeURIComponent(code)}&depth=2`);
      const result = await response.json();
      if (!response.ok) { status.textContent = `${result.parameter ?? ''} ${result.detail}`; return; }
      show('coverage', result, { 'fill-color': '#d7301f', 'fill-opacity': 0.55, 'fill-outline-color': '#7f0000' });
      remember('coverage', result);
      const s = result.summary;
      status.textContent = `${s.grids} 个单元、${s.families} 组上下级：${s.problems ? `${s.problems} 处问题` : '无缺漏、无重叠'}`;
      list.innerHTML = result.features.map((f, i) => `<li><button type="button" data-i="${i}">${escape(label('coverage_problem_kind', f.properties.kind))}`
        + ` ${escape(Math.round(f.properties.area_m2).toLocaleString('zh-CN'))} m² <span class="detail">${escape(f.properties.grids)}</span></button></li>`).join('');
      for (const button of list.querySelectorAll('button')) {
        button.addEventListener('click', () => map.fitBounds(bounds(result.features[button.dataset.i].geometry), { padding: 60, maxZoom: 18 }));
      }
      status.dataset.done = String(Date.now());
    } catch (e) {
      status.textContent = e.message;
    }
  });

  // --- Hot spots and clusters of 随手拍 in an area, with the parameters each method takes: Gi*,
  // optimized hot spots (the distance band found by incremental Moran's I), emerging hot spots (Gi* per
  // month and the Mann–Kendall trend, in the categories of ArcGIS's space-time pattern mining) and DBSCAN.
  const method = () => $('hotspot-method').value;
  function showParameters() {
    for (const element of $('hotspot-params').querySelectorAll('[data-for]')) {
      element.hidden = !element.dataset.for.split(' ').includes(method());
    }
  }
  $('hotspot-method').addEventListener('change', showParameters);
  showParameters();

  async function runAnalysis(name, query) {
    if (!(account?.signed_in && jobRoles.includes(account.role))) {
      const response = await fetch(`/analyses/${name}?${query}`);
      const result = await response.json();
      if (!response.ok) throw new Error(`${result.parameter ?? ''}: ${result.detail}`);
      return result;
    }

    // Staff run it as a job: progress shows, and a long permutation run does not hold a request open.
    const progress = $('job-progress');
    const submitted = await authFetch(`/analyses/${name}/jobs?${query}`, { method: 'POST' });
    const job = await submitted.json();
    if (!submitted.ok) throw new Error(`${job.parameter ?? ''}: ${job.detail}`);
    progress.hidden = false;
    try {
      for (;;) {
        const state = await authFetch(`/jobs/${job.id}`).then((r) => r.json());
        progress.value = state.progress ?? 0;
        $('hotspot-status').textContent = `${state.stage ?? '排队中'}…`;
        if (state.status === 'succeeded') return await authFetch(`/jobs/${job.id}/result`).then((r) => r.json());
        if (state.status === 'failed' || state.status === 'cancelled') throw new Error(state.error?.detail ?? state.status);
        await new Promise((resolve) => setTimeout(resolve, 400));
      }
    } finally {
      progress.hidden = true;
    }
  }

  const swatch = (colour, text) => `<span class="swatch" style="background:${colour}"></span>${escape(text)}`;

  // Emerging categories: reds for hot, blues for cold, darker the more lasting the pattern.
  const trends = ['new', 'consecutive', 'intensifying', 'persistent', 'diminishing', 'sporadic', 'oscillating', 'historical'];
  const reds = ['#fee0d2', '#fcbba1', '#ef3b2c', '#a50f15', '#fb6a4a', '#fc9272', '#cb181d', '#67000d'];
  const blues = ['#deebf7', '#c6dbef', '#4292c6', '#08519c', '#6baed6', '#9ecae1', '#2171b5', '#08306b'];
  const emergingColours = ['match', ['get', 'category'],
    ...trends.flatMap((t, i) => [`${t}_hot`, reds[i], `${t}_cold`, blues[i]]), 'rgba(0,0,0,0)'];
  const clusterColours = ['interpolate', ['linear'], ['get', 'count'], 5, '#fdd49e', 20, '#fc8d59', 60, '#d7301f', 150, '#7f0000'];

  /** Draws a result in the one result layer, with the legend and status of its method. */
  function draw(name, result) {
    for (const id of ['hotspots', 'hotspots-outline']) if (map.getLayer(id)) map.removeLayer(id);
    if (map.getSource('hotspots')) map.removeSource('hotspots');
    const fill = name === 'emerging-hotspots' ? emergingColours : name === 'clusters' ? clusterColours : hotspotColours;
    map.addSource('hotspots', { type: 'geojson', data: result });
    map.addLayer({ id: 'hotspots', type: 'fill', source: 'hotspots', paint: { 'fill-color': fill, 'fill-opacity': 0.6 } });
    if (name === 'clusters') map.addLayer({ id: 'hotspots-outline', type: 'line', source: 'hotspots', paint: { 'line-color': '#7f0000', 'line-width': 1.5 } });
    remember(name, result);
    const s = result.summary;
    const legend = $('hotspot-legend');
    if (name === 'clusters') {
      $('hotspot-status').textContent = `${s.clusters} 个聚类，${s.clustered} 件聚集，${s.noise} 件零散（半径 ${s.eps_m} 米，最少 ${s.min_points} 件）`;
      legend.innerHTML = [[5, '5 件'], [20, '20 件'], [60, '60 件'], [150, '150 件以上']].map(([n, text]) => swatch(clusterColours[clusterColours.indexOf(n) + 1], text)).join(' ');
    } else if (name === 'emerging-hotspots') {
      $('hotspot-status').textContent = `${s.first_month}～${s.last_month} 共 ${s.months} 个月、${s.bins} 格元（未满的 ${s.left_out_unfinished_month} 不计，${s.left_out_incidents} 件）`;
      const present = result.features.map((f) => f.properties).filter((p) => p.category !== 'no_pattern');
      const seen = [...new Map(present.map((p) => [p.category, p.category_zh])).entries()];
      legend.innerHTML = seen.length ? seen.map(([key, zh]) => swatch(emergingColours[emergingColours.indexOf(key) + 1], zh)).join(' ') : '无时空模式';
      chartCategories(result);
    } else {
      $('hotspot-status').textContent = `${s.hot} 热点, ${s.cold} 冷点 / ${s.bins ?? s.features} 格元${s.distance_band_m ? `（距离带 ${Math.round(s.distance_band_m)} 米）` : ''}`;
      legend.innerHTML = [[3, '热点 99%'], [2, '热点 95%'], [1, '热点 90%'], [-1, '冷点 90%'], [-2, '冷点 95%'], [-3, '冷点 99%']]
        .map(([bin, text]) => swatch(hotspotColours[hotspotColours.indexOf(bin) + 1], text)).join(' ');
    }
  }

  /** The emerging categories as bars: how many bins each pattern holds. */
  async function chartCategories(result) {
    const counts = new Map();
    for (const f of result.features) counts.set(f.properties.category_zh, (counts.get(f.properties.category_zh) ?? 0) + 1);
    await chart({
      tooltip: {},
      grid: { left: 110, right: 20, top: 10, bottom: 25 },
      xAxis: { type: 'value', name: '格元' },
      yAxis: { type: 'category', data: [...counts.keys()] },
      series: [{ type: 'bar', data: [...counts.values()] }],
    });
    $('chart').dataset.categories = JSON.stringify(Object.fromEntries(counts));
  }

  $('hotspots').addEventListener('click', async () => {
    const status = $('hotspot-status');
    status.textContent = '计算中…';
    try {
      const name = method();
      const query = new URLSearchParams({ area: await areaCode() });
      if (name === 'clusters') {
        query.set('eps', $('cluster-eps').value);
        query.set('min-points', $('cluster-min-points').value);
      } else {
        query.set('bin-size', $('hotspot-bin-size').value);
        query.set('bin-shape', $('hotspot-bin-shape').value);
      }
      if (name === 'hotspots') query.set('fdr', String($('hotspot-fdr').checked));
      if (name === 'hotspots' || name === 'optimized-hotspots') query.set('permutations', $('hotspot-permutations').value);
      draw(name, await runAnalysis(name, query));
    } catch (e) {
      status.textContent = e.message;
    }
  });

  $('density').addEventListener('change', (event) => {
    if (!map.getSource('density')) {
      map.addSource('density', { type: 'raster', tiles: ['/analyses/density/{z}/{x}/{y}.png'], tileSize: 256 });
      map.addLayer({ id: 'density', type: 'raster', source: 'density', paint: { 'raster-opacity': 0.8 } });
    }
    map.setLayoutProperty('density', 'visibility', event.target.checked ? 'visible' : 'none');
  });

  // --- Export: the last result as the server sent it (GeoJSON), or as CSV for a spreadsheet: each
  // feature's attributes and the centre of its bounding box.
  function download(name, type, text) {
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([text], { type }));
    link.download = name;
    link.click();
    URL.revokeObjectURL(link.href);
  }

  const csvCell = (value) => {
    const text = value == null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
    return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };

  $('export-geojson').addEventListener('click', () => download(`${last.name}.geojson`, 'application/geo+json', JSON.stringify(last.result)));
  $('export-csv').addEventListener('click', () => {
    const keys = [...new Set(last.result.features.flatMap((f) => Object.keys(f.properties)))];
    const rows = last.result.features.map((f) => {
      const [[w, s], [e, n]] = bounds(f.geometry);
      return [...keys.map((k) => csvCell(f.properties[k])), ((w + e) / 2).toFixed(6), ((s + n) / 2).toFixed(6)].join(',');
    });
    // A byte-order mark, so spreadsheet programs read the Chinese as UTF-8.
    download(`${last.name}.csv`, 'text/csv', `\uFEFF${[[...keys, 'lon', 'lat'].join(','), ...rows].join('\r\n')}\r\n`);
  });

  // --- 随手拍 month by month in the area: found and closed (bars), median hours to close (line).
  $('chart-load').addEventListener('click', async () => {
    const status = $('chart-status');
    status.textContent = '统计中…';
    try {
      const code = await areaCode();
      const months = [];
      const now = new Date();
      for (let i = 11; i >= 0; i--) {
        const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1));
        const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0));
        months.push([first.toISOString().slice(0, 7), `${first.toISOString().slice(0, 10)}/${lastDay.toISOString().slice(0, 10)}`]);
      }
      const figures = await Promise.all(months.map(([, period]) => fetch(`/figures/reports?area=${encodeURIComponent(code)}&datetime=${period}`)
        .then(async (r) => { const body = await r.json(); if (!r.ok) throw new Error(body.detail); return body.figures.find((f) => f.total); })));
      await chart({
        tooltip: { trigger: 'axis' },
        legend: { data: ['上报', '办结', '办结用时中位数（小时）'], bottom: 0, textStyle: { fontSize: 10 } },
        grid: { left: 40, right: 40, top: 30, bottom: 55 },
        xAxis: { type: 'category', data: months.map(([m]) => m.slice(2)) },
        yAxis: [{ type: 'value', name: '件' }, { type: 'value', name: '小时' }],
        series: [
          { name: '上报', type: 'bar', data: figures.map((f) => f?.found ?? 0) },
          { name: '办结', type: 'bar', data: figures.map((f) => f?.closed ?? 0) },
          { name: '办结用时中位数（小时）', type: 'line', yAxisIndex: 1, data: figures.map((f) => f?.median_hours_to_close ?? null) },
        ],
      });
      $('chart').dataset.months = JSON.stringify(figures.map((f) => f?.found ?? 0));
      status.textContent = `${code}：近 12 个月上报 ${figures.reduce((n, f) => n + (f?.found ?? 0), 0)} 件`;
    } catch (e) {
      status.textContent = e.message;
    }
  });

  // --- 随手拍 per grid of a level in the area over the last 12 months: found and closed (bars), median
  // hours to close (line), the slowest grids first — where closing lags.
  $('chart-grids').addEventListener('click', async () => {
    const status = $('chart-status');
    status.textContent = '统计中…';
    try {
      const code = await areaCode();
      const response = await fetch(`/figures/reports?area=${encodeURIComponent(code)}&level=${$('chart-level').value}`);
      const body = await response.json();
      if (!response.ok) throw new Error(`${body.parameter ?? ''} ${body.detail}`);
      const grids = body.figures.filter((f) => !f.total)
        .sort((a, b) => (b.median_hours_to_close ?? -1) - (a.median_hours_to_close ?? -1));
      await chart({
        tooltip: { trigger: 'axis' },
        legend: { data: ['上报', '办结', '办结用时中位数（小时）'], bottom: 0, textStyle: { fontSize: 10 } },
        grid: { left: 40, right: 40, top: 30, bottom: 80 },
        xAxis: { type: 'category', data: grids.map((g) => g.grid_name ?? g.grid_code ?? '未入网格'), axisLabel: { rotate: 45, fontSize: 9, interval: 0 } },
        yAxis: [{ type: 'value', name: '件' }, { type: 'value', name: '小时' }],
        dataZoom: grids.length > 20 ? [{ type: 'slider', height: 12, bottom: 22, endValue: 19 }] : [],
        series: [
          { name: '上报', type: 'bar', data: grids.map((g) => g.found) },
          { name: '办结', type: 'bar', data: grids.map((g) => g.closed) },
          { name: '办结用时中位数（小时）', type: 'line', yAxisIndex: 1, data: grids.map((g) => g.median_hours_to_close) },
        ],
      });
      $('chart').dataset.grids = JSON.stringify(grids.map((g) => [g.grid_code, g.found]));
      status.textContent = `${code}：${grids.length} 个${$('chart-level').selectedOptions[0].text}网格，办结最慢的在前`;
    } catch (e) {
      status.textContent = e.message;
    }
  });

  return {
    setAccount(me) { account = me; },
  };
}
