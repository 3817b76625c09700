// One terra-draw for the page — the planner's lines and the inspector's site outlines — loaded the first
// time something is drawn. Two instances on one map would add the same layers twice. A caller asks for
// one shape and gets its geometry, or null when the drawing is given up (Esc, or another drawing begun).

let draw = null;
let snap = null; // the current caller's snapping (pixel event → [lng, lat] or undefined)
let pending = null; // resolves the drawing under way

/** While a shape is being drawn: map clicks are its points, not questions about the map (the page's
 * own click handlers ask this). */
export const isDrawing = () => pending !== null;

/** Draws one shape in terra-draw's mode ('linestring' or 'polygon'): click to add points, Enter to finish.
 * `ready` is called once clicks are taken (terra-draw may still be loading before). */
export async function drawShape(map, mode, { snapTo = null, ready = null } = {}) {
  if (!draw) {
    const { TerraDraw, TerraDrawLineStringMode, TerraDrawPolygonMode } = await import('/viewer/terra-draw/terra-draw.module.js');
    const { TerraDrawMapLibreGLAdapter } = await import('/viewer/terra-draw-maplibre-gl-adapter/terra-draw-maplibre-gl-adapter.module.js');
    const snapping = { toCustom: (event) => snap?.(event) ?? undefined };
    draw = new TerraDraw({
      adapter: new TerraDrawMapLibreGLAdapter({ map }),
      modes: [new TerraDrawLineStringMode({ snapping }), new TerraDrawPolygonMode({ snapping })],
    });
    draw.start();
    draw.on('finish', (id) => finish(draw.getSnapshotFeature(id)?.geometry ?? null));
    document.addEventListener('keydown', (event) => { if (event.key === 'Escape') finish(null); });
    // terra-draw hears Enter on the map's canvas only; focus is often elsewhere (the button that began
    // the drawing, or the page), so Enter anywhere finishes the shape under way.
    document.addEventListener('keyup', (event) => {
      if (pending && event.key === 'Enter' && event.target !== map.getCanvas()) {
        map.getCanvas().dispatchEvent(new KeyboardEvent('keyup', { key: 'Enter' }));
      }
    });
  }
  finish(null);
  snap = snapTo;
  draw.setMode(mode);
  const shape = new Promise((resolve) => { pending = resolve; });
  ready?.();
  return shape;
}

function finish(geometry) {
  if (!pending) return;
  const resolve = pending;
  pending = null;
  snap = null;
  draw.clear();
  draw.setMode('static');
  resolve(geometry);
}
