// The map page for people: every atlas layer from the OGC API, "where am I and what applies here"
// on click, a hand-drawn project checked against the rules, and up/downstream navigation from a
// section or outfall; a search box over the atlas's names (pinyin too) and typed coordinates; geodesic
// measuring; the area draining to a point when the atlas has a DEM. No tiles and no outside network:
// the district outlines, labelled in Chinese, are the base map.
// Everything the server says is escaped before it reaches innerHTML; data-* attributes carry the
// state the browser tests assert on.
(function () {
  'use strict';

  // ------------------------------------------------------------------ styles

  /** Colours per atlas layer; an unknown layer (your own data) gets one from PALETTE. */
  const COLOUR = {
    districts: { color: '#777', fillColor: '#f7f7f2', fillOpacity: 0, weight: 1 }, // the base tiles paint the land
    basins: { color: '#3a7ca5', fill: false, weight: 2 },
    reservoirs: { color: '#1d6fa5', fillColor: '#6fb7e3', fillOpacity: 0.8 },
    'protection-zones': { color: '#b8002e', fillColor: '#e07a8f', fillOpacity: 0.25, weight: 1.5 },
    'shore-bands': { color: '#2e7d32', fillColor: '#81c784', fillOpacity: 0.45 },
    rivers: { color: '#1565c0', weight: 2 },
    sections: { color: '#6a1b9a' },
    outfalls: { color: '#e65100' },
    'provincial-boundary-buffer': { color: '#5d4037', fillColor: '#a1887f', fillOpacity: 0.15 },
    'river-management-range': { color: '#0277bd', fillColor: '#4fc3f7', fillOpacity: 0.35 },
    'water-ecological-space': { color: '#00897b', fillColor: '#80cbc4', fillOpacity: 0.2 },
    'sewer-covered-areas': { color: '#616161' },
    'livestock-forbidden-zones': { color: '#8d6e63' },
    'eco-clean-watersheds': { color: '#558b2f' },
    'ecological-red-line': { color: '#c62828' },
    'groundwater-overextraction-zones': { color: '#ef6c00' },
  };
  const PALETTE = ['#00838f', '#ad1457', '#4e342e', '#283593', '#9e9d24', '#37474f'];
  /** Drawing order: large areas below, small zones above, lines and points on top. */
  const ORDER = ['districts', 'basins', 'provincial-boundary-buffer', 'ecological-red-line', 'water-ecological-space',
    'eco-clean-watersheds', 'livestock-forbidden-zones', 'groundwater-overextraction-zones', 'sewer-covered-areas',
    'protection-zones', 'shore-bands', 'reservoirs', 'river-management-range'];
  const GEOMETRY_RANK = { polygon: 0, line: 1, point: 2 };
  const VERDICT = {
    ALLOWED: { zh: '允许', en: 'allowed', colour: '#2e7d32' },
    CONDITIONAL: { zh: '有条件', en: 'conditional', colour: '#b26a00' },
    FORBIDDEN: { zh: '禁止', en: 'forbidden', colour: '#b71c1c' },
  };
  const MODES = {
    UM: { zh: '上游干流', en: 'upstream main', colour: '#1e88e5' },
    UT: { zh: '上游含支流', en: 'upstream + tributaries', colour: '#1e88e5' },
    DM: { zh: '下游干流', en: 'downstream main', colour: '#d81b60' },
    DD: { zh: '下游含分流', en: 'downstream + diversions', colour: '#d81b60' },
  };
  const METHOD_ZH = { surveyed: '实测', derived: '派生', schematic: '示意', synthetic: '合成' };
  /** Legend groups, each with its own opacity; a layer of your own data goes by its geometry. */
  const GROUPS = [
    { id: 'base', zh: '底图', en: 'Base', layers: ['districts', 'basins', 'provincial-boundary-buffer'] },
    { id: 'protection', zh: '保护', en: 'Protection', layers: ['protection-zones', 'shore-bands', 'ecological-red-line',
      'water-ecological-space', 'eco-clean-watersheds', 'livestock-forbidden-zones', 'groundwater-overextraction-zones',
      'sewer-covered-areas', 'river-management-range'] },
    { id: 'water', zh: '水系', en: 'Water', layers: ['reservoirs', 'rivers'] },
    { id: 'monitoring', zh: '监测', en: 'Monitoring', layers: ['sections'] },
    { id: 'outfalls', zh: '排污口', en: 'Outfalls', layers: ['outfalls'] },
  ];
  function groupOf(c) {
    const g = GROUPS.find(x => x.layers.includes(c.id));
    return g ? g.id : c.geometry === 'point' ? 'monitoring' : c.geometry === 'line' ? 'water' : 'protection';
  }
  /** Layers whose features are named on the map itself (the quiet base's labels), most important first. */
  const LABELLED = ['reservoirs', 'districts', 'rivers'];
  /** The quiet base map, drawn from the service's own vector tiles: fill, outline and line width per layer. */
  const BASE_STYLE = {
    districts: { fill: '#f1efe6', stroke: '#a8a290', width: 0.8 },
    reservoirs: { fill: '#b9d8ee', stroke: '#86b5d8', width: 0.6 },
    rivers: { stroke: '#8fbfe4', width: 1.3 },
  };
  /** A layer with more features than this is drawn from tiles instead of downloaded whole. */
  const LARGE = 10000;
  const CLASS_RANK = { I: 1, II: 2, III: 3, IV: 4, V: 5, 'worse-than-V': 6 };
  const CLASS_ZH = { I: 'Ⅰ类', II: 'Ⅱ类', III: 'Ⅲ类', IV: 'Ⅳ类', V: 'Ⅴ类', 'worse-than-V': '劣Ⅴ类' };

  /**
   * Leaflet path options for a layer, or for one feature of it when {@code method} is the feature's own:
   * schematic is dashed, synthetic dotted and hatched, derived and surveyed solid, so people can tell.
   */
  function styleFor(collection, index, method) {
    const base = COLOUR[collection.id] || { color: PALETTE[index % PALETTE.length] };
    const style = Object.assign({ weight: 1.2, fillColor: base.color, fillOpacity: 0.2 }, base);
    method = method || (collection.provenance && collection.provenance.method);
    if (method === 'schematic') {
      style.dashArray = collection.geometry === 'point' ? '3 2' : '6 4';
    } else if (method === 'synthetic') {
      style.dashArray = '2 3';
      if (collection.geometry === 'polygon') {
        style.fillColor = 'url(#' + hatch(collection.id, base.color) + ')';
        style.fillOpacity = 0.9;
      }
    }
    return style;
  }

  /** An SVG hatch pattern in the page's shared <defs>; paths refer to it as fill="url(#…)". */
  function hatch(id, colour) {
    const patternId = 'hatch-' + id.replace(/[^A-Za-z0-9_-]/g, '_');
    const defs = document.querySelector('#patterns defs');
    if (!document.getElementById(patternId)) {
      const ns = defs.namespaceURI; // the SVG namespace, taken from the inline <svg> of the page
      const p = document.createElementNS(ns, 'pattern');
      p.setAttribute('id', patternId);
      p.setAttribute('patternUnits', 'userSpaceOnUse');
      p.setAttribute('width', '8');
      p.setAttribute('height', '8');
      p.setAttribute('patternTransform', 'rotate(45)');
      const line = document.createElementNS(ns, 'rect');
      line.setAttribute('width', '2.5');
      line.setAttribute('height', '8');
      line.setAttribute('fill', colour);
      p.appendChild(line);
      defs.appendChild(p);
    }
    return patternId;
  }

  /** The legend swatch shows the same convention as the map: solid, dashed or hatched. */
  function swatchStyle(collection, style) {
    const colour = style.color;
    const method = collection.provenance && collection.provenance.method;
    if (method === 'synthetic') {
      return 'border:1px dotted ' + colour + ';background:repeating-linear-gradient(45deg,' + colour + ' 0 2px,transparent 2px 6px)';
    }
    const fill = style.fill === false || collection.geometry === 'line' ? 'transparent' : (style.fillColor || colour);
    return 'border:2px ' + (method === 'schematic' ? 'dashed' : 'solid') + ' ' + colour + ';background:' + fill;
  }

  // ------------------------------------------------------------------ small helpers

  function esc(s) {
    return String(s == null ? '' : s).replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
  }

  /** GET or POST JSON; a problem+json answer becomes an Error carrying the server's own detail. */
  async function getJson(url, init) {
    const r = await fetch(url, Object.assign({ headers: { Accept: 'application/json' } }, init || {}));
    const body = await r.json().catch(() => null);
    refusedToken(r, init);
    if (!r.ok) {
      throw new Error((body && (body.detail || body.title)) || (r.status + ' ' + r.statusText));
    }
    return body;
  }

  /**
   * A UI string in both languages; map.css shows the one chosen with the header's switch (lang.js). Both arguments
   * are HTML: literals of this file or escaped text.
   */
  function t(zh, en) {
    return '<span class="zh">' + zh + '</span><span class="en">' + en + '</span>';
  }

  /** A name as the API gives it, in the chosen language; the Chinese one stands alone when there is no English. */
  function bilingual(zh, en) {
    return '<b>' + (en ? t(esc(zh), esc(en)) : esc(zh)) + '</b>';
  }

  /** Method and authority of a layer or feature; {@code brief} leaves out the source, for popups. */
  function provenanceLine(p, brief) {
    if (!p) {
      return '';
    }
    return '<small class="prov" data-method="' + esc(p.method) + '">' + t(esc(METHOD_ZH[p.method] || p.method), esc(p.method))
      + (p.authoritative ? ' · ' + t('权威', 'authoritative') : ' · ' + t('非权威', 'not authoritative'))
      + (p.source && !brief ? ' · ' + esc(p.source) : '') + '</small>';
  }

  function verdictBadge(v) {
    const d = VERDICT[v] || { zh: v, en: v, colour: '#555' };
    return '<span class="verdict" data-verdict="' + esc(v) + '" style="background:' + d.colour + '">' + t(esc(d.zh), esc(d.en)) + '</span>';
  }

  // a clause: the document and section shown, the words and the English gist on hover, the clause id for lookup
  function citations(list) {
    return (list || []).map(c => '<span class="cite" data-clause="' + esc(c.clause) + '" title="' + esc(c.text) + '\n' + esc(c.gistEn) + '">'
      + esc(c.document) + ' ' + esc(c.section) + ' · ' + esc(c.clause) + '</span>').join(' ');
  }

  // notes in Chinese, each followed by its English (the answers give them item for item)
  function notesHtml(zh, en) {
    return (en || []).map((n, i) => '<p class="note">' + ((zh || [])[i] ? t(esc(zh[i]), esc(n)) : esc(n)) + '</p>').join('');
  }

  function km(v) {
    return (Math.round(v * 10) / 10).toLocaleString('en') + ' km';
  }

  function metres(v) {
    return v >= 1000 ? km(v / 1000) : Math.round(v) + ' m';
  }

  /** Brings a fresh answer into view where the panel scrolls by itself (desktop); on a phone the page scrolls and the map stays put. */
  function reveal(section) {
    const aside = document.getElementById('panel');
    if (getComputedStyle(aside).overflowY === 'auto' && section.scrollIntoView) {
      section.scrollIntoView({ block: 'start' });
    }
  }

  function showError(section, title, err) {
    section.hidden = false;
    delete section.dataset.verdict; // an old verdict must not stand beside a refusal
    section.innerHTML = '<h2>' + title + '</h2><p class="error" role="alert">' + (err.html || esc(err.message || err)) + '</p>';
    section.dataset.error = 'true';
  }

  // ------------------------------------------------------------------ the map and its state

  const map = L.map('map', { zoomControl: true, attributionControl: true }).setView([40.2, 116.6], 8);
  L.control.scale({ metric: true, imperial: false, maxWidth: 160 }).addTo(map);
  // a closed popup fades out over 200 ms, and until it is gone Leaflet stops every click on it from reaching the map:
  // a click on the place just answered (where the popup's tip points), right after choosing to draw or measure,
  // was lost. Closing takes the popup out of the way of the pointer at once; the fade stays.
  map.on('popupclose', e => e.popup.getElement().classList.add('closing'));
  map.on('popupopen', e => e.popup.getElement().classList.remove('closing'));
  const panel = {
    list: document.getElementById('layer-list'),
    answer: document.getElementById('answer'),
    report: document.getElementById('report'),
    network: document.getElementById('network'),
    status: document.getElementById('draw-status'),
    activity: document.getElementById('activity'),
    attributes: document.getElementById('attributes'),
    finish: document.getElementById('draw-finish'),
    cancel: document.getElementById('draw-cancel'),
  };
  const state = {
    mode: 'locate',          // 'locate': a click asks /locate; 'draw': a click adds a vertex
    shape: null,             // Point | LineString | Polygon while drawing
    vertices: [],            // [lng, lat] pairs of the sketch
    activities: {},          // id -> activity from /activities
    config: { demo: true, terrain: false }, // from /map/config
    measure: null,           // {kind: 'line'|'area', vertices: [[lng, lat]…], seq} while measuring
    beijing: null,           // bounds of the districts (or of everything drawn): the "fit Beijing" view
  };
  const collections = {};                      // layer id -> OGC collection
  const overlays = {};                         // layer id -> Leaflet layer
  const placeLayer = L.layerGroup().addTo(map); // the clicked point
  const sketchLayer = L.layerGroup().addTo(map); // the project being drawn or checked
  const navLayer = L.layerGroup().addTo(map);   // reaches of the last navigation
  const labelLayer = L.layerGroup().addTo(map); // Chinese names of the base (districts, reservoirs)
  const measureLayer = L.layerGroup().addTo(map); // the line or area being measured
  const catchmentLayer = L.layerGroup().addTo(map); // the area draining to the last asked point
  // tests turn lon/lat into screen pixels with the map, and read its state
  window.liuyu = { map: map, state: state };

  // ------------------------------------------------------------------ layers from the OGC API

  /** The banner names the atlas served, as /layers and every answer's notes do; only the demo is called a demo. */
  async function showAtlas() {
    const [atlas, config] = await Promise.all([getJson('/layers'), getJson('/map/config')]);
    state.config = config;
    addThirdPartyTiles(config.xyzTiles);
    document.body.dataset.terrain = String(config.terrain);
    const banner = document.getElementById('atlas-name');
    document.body.dataset.atlas = atlas.atlas;
    document.body.dataset.demo = String(atlas.demo);
    const weak = atlas.layers.filter(l => !l.provenance.authoritative).map(l => l.id);
    banner.innerHTML = (atlas.demo ? t('演示图集，示意数据：', 'Demo atlas: ') : t('图集：', 'Atlas: ')) + esc(atlas.atlasLabel)
      + (weak.length ? ' · ' + weak.length + ' ' + t('个非权威图层', 'non-authoritative layers') : '') + '.';
    banner.title = atlas.atlasVersion + (weak.length ? ' · ' + weak.join(', ') : '');
    if (atlas.demo) {
      map.attributionControl.addAttribution(t('演示图集：GSHHG (LGPL-3+)、ECharts 4.9.0 轮廓 (Apache-2.0)、示意与合成图层',
        'Demo atlas: GSHHG (LGPL-3+), ECharts 4.9.0 outlines (Apache-2.0), schematic and synthetic layers'));
    }
    map.invalidateSize(); // the banner's text may change the header's height, and with it the map's
  }

  /** Loads every collection's items in parallel, then adds them in drawing order. */
  async function loadLayers() {
    const body = await getJson('/ogc/collections?f=json');
    const collections = body.collections.slice().sort(byDrawingOrder);
    addBaseMap(collections);
    // a large layer is drawn from the service's vector tiles instead of being downloaded whole
    const items = await Promise.all(collections.map(c => c.featureCount > LARGE ? null
      : getJson('/ogc/collections/' + encodeURIComponent(c.id) + '/items?limit=' + LARGE + '&f=json')));
    collections.forEach((c, i) => items[i] ? addCollection(c, items[i], i) : addTiledCollection(c, i));
    document.body.dataset.layersLoaded = String(collections.length);
  }

  function byDrawingOrder(a, b) {
    const ra = GEOMETRY_RANK[a.geometry] ?? 1, rb = GEOMETRY_RANK[b.geometry] ?? 1;
    if (ra !== rb) {
      return ra - rb;
    }
    const ia = ORDER.indexOf(a.id), ib = ORDER.indexOf(b.id);
    return (ia < 0 ? 50 : ia) - (ib < 0 ? 50 : ib);
  }

  function addCollection(c, fc, index) {
    collections[c.id] = c;
    const style = styleFor(c, index);
    // synthetic layers are drawn by default only in the demo, which is made of them; elsewhere they are opt-in
    const shown = state.config.demo || c.provenance.method !== 'synthetic';
    // each feature is drawn by its own provenance: a surveyed feature in a schematic layer is solid
    const featureStyle = f => styleFor(c, index, f.properties && f.properties.method);
    const layer = L.geoJSON(fc, {
      style: featureStyle,
      // polygons let clicks through to the map, which answers "where am I" for every layer at once; points and
      // lines show their name on hover, and a click on them still answers "this place" first (features listed there)
      interactive: c.geometry !== 'polygon',
      pointToLayer: (f, latlng) => {
        const own = featureStyle(f);
        return L.circleMarker(latlng, Object.assign({}, own, {
          radius: 6, weight: 2, fillColor: own.color, fillOpacity: own.dashArray === '2 3' ? 0.25 : 0.75,
          className: 'point-' + c.id,
        }));
      },
      onEachFeature: (f, l) => {
        const method = (f.properties && f.properties.method) || c.provenance.method;
        l.bindTooltip(bilingual(f.properties.nameZh, f.properties.nameEn) + ' · ' + t(esc(METHOD_ZH[method] || method), esc(method)));
        // the drawn element says which feature and provenance it shows (the browser tests read it)
        l.on('add', () => {
          const el = l.getElement && l.getElement();
          if (el) {
            el.setAttribute('data-layer', c.id);
            el.setAttribute('data-feature', String(f.id));
            el.setAttribute('data-method', method);
          }
        });
      },
    });
    if (shown) {
      layer.addTo(map);
    }
    overlays[c.id] = layer;
    if (c.id === 'districts' || (!state.beijing && fc.features.length)) {
      state.beijing = layer.getBounds();
      map.fitBounds(state.beijing);
    }
    legendGroup(groupOf(c)).appendChild(legendItem(c, fc.features.length, style, shown));
  }

  function placeLabels() {
    const kept = [];
    const labels = [];
    labelLayer.eachLayer(t => labels.push(t));
    labels.sort((a, b) => a.options.rank - b.options.rank);
    for (const t of labels) {
      if (t.along) {
        t.place(kept);
        continue;
      }
      const el = t.getElement && t.getElement();
      if (!el) {
        continue;
      }
      el.style.visibility = 'visible';
      const r = el.getBoundingClientRect();
      const clash = kept.some(k => r.left < k.right && r.right > k.left && r.top < k.bottom && r.bottom > k.top);
      el.style.visibility = clash ? 'hidden' : 'visible';
      el.dataset.placed = String(!clash);
      if (!clash) {
        kept.push(r);
      }
    }
  }
  map.on('zoomend moveend', placeLabels);

  // ------------------------------------------------------------------ vector tiles from the service

  function tileUrl(id, c) {
    return '/ogc/collections/' + encodeURIComponent(id) + '/tiles/WebMercatorQuad/' + c.z + '/' + c.y + '/' + c.x;
  }

  /** One layer of one tile, decoded by @mapbox/vector-tile; null when the service says the tile is empty (204). */
  async function fetchTile(id, c) {
    const r = await fetch(tileUrl(id, c), { headers: { Accept: 'application/vnd.mapbox-vector-tile' } });
    if (r.status === 204) {
      return null;
    }
    if (!r.ok) {
      throw new Error(r.status + ' ' + tileUrl(id, c));
    }
    const tile = new VectorTile.VectorTile(new Pbf(await r.arrayBuffer()));
    return tile.layers[id] || null;
  }

  /**
   * A canvas grid layer over the OGC API Tiles of some collections, each with a {fill, stroke, width, dash} style;
   * with {@code labels} the features' Chinese names become candidates for the page's label placement.
   */
  const VectorTiles = L.GridLayer.extend({
    options: { maxNativeZoom: 18, layers: [], labels: false },
    createTile(coords, done) {
      const size = this.getTileSize();
      const canvas = L.DomUtil.create('canvas', 'vector-tile');
      const ratio = window.devicePixelRatio || 1;
      canvas.width = size.x * ratio;
      canvas.height = size.y * ratio;
      canvas.dataset.tile = coords.z + '/' + coords.y + '/' + coords.x;
      Promise.all(this.options.layers.map(l => fetchTile(l.id, coords))).then(decoded => {
        const ctx = canvas.getContext('2d');
        ctx.scale(ratio, ratio);
        let drawn = 0;
        decoded.forEach((vl, i) => {
          if (vl) {
            drawn += drawTileLayer(ctx, vl, this.options.layers[i], size.x, coords, this.options.labels);
          }
        });
        canvas.dataset.features = String(drawn);
        done(null, canvas);
      }).catch(err => {
        canvas.dataset.error = err.message;
        done(err, canvas);
      });
      return canvas;
    },
  });

  /** Draws one decoded layer on a tile's canvas; returns the number of features drawn. */
  function drawTileLayer(ctx, vl, layer, size, coords, labels) {
    const k = size / vl.extent;
    const st = layer.style;
    ctx.lineJoin = 'round';
    ctx.lineCap = 'round';
    for (let i = 0; i < vl.length; i++) {
      const f = vl.feature(i);
      const geom = f.loadGeometry();
      ctx.beginPath();
      if (f.type === 1) {
        geom.forEach(part => part.forEach(p => {
          ctx.moveTo(p.x * k + 3, p.y * k);
          ctx.arc(p.x * k, p.y * k, 3, 0, 2 * Math.PI);
        }));
      } else {
        geom.forEach(ring => {
          ring.forEach((p, j) => j ? ctx.lineTo(p.x * k, p.y * k) : ctx.moveTo(p.x * k, p.y * k));
          if (f.type === 3) {
            ctx.closePath();
          }
        });
      }
      if (st.fill && f.type !== 2) {
        ctx.globalAlpha = st.fillAlpha ?? 1;
        ctx.fillStyle = st.fill;
        ctx.fill('evenodd');
        ctx.globalAlpha = 1;
      }
      if (st.stroke) {
        ctx.setLineDash(st.dash || []);
        ctx.strokeStyle = st.stroke;
        ctx.lineWidth = st.width || 1;
        ctx.stroke();
      }
      if (labels && f.properties.nameZh) {
        labelCandidate(layer.id, f, geom, k, coords, size);
      }
    }
    return vl.length;
  }

  /**
   * A name written along a line (rivers): one character after another on the line's path, turned with it where the
   * line runs more across than up (read left to right), upright where it runs steeply (read top to bottom), as maps
   * name rivers. placeLabels calls {@code place} with the boxes already taken: the first stretch of the line (middle
   * first, then either side) where every character fits without touching one of them, not bending more than 40° from
   * one character to the next, is used; none: the name is hidden. Tests read the characters' places with
   * window.liuyu.lineLabels().
   */
  const LineLabel = L.Layer.extend({
    options: { pane: 'tooltipPane', rank: 0 },
    along: true,
    initialize(path, text, layerId, featureId) {
      L.setOptions(this, {});
      this.path = path;
      this.text = Array.from(text);
      this.layerId = layerId;
      this.featureId = featureId;
      this.chars = [];
    },
    setPath(path) {
      this.path = path;
    },
    onAdd(m) {
      const el = this.el = L.DomUtil.create('div', 'line-label' + (this.layerId === 'rivers' ? ' river' : ''), this.getPane());
      el.dataset.source = 'tiles';
      el.dataset.layer = this.layerId;
      el.dataset.feature = this.featureId;
      el.dataset.name = this.text.join('');
      el.style.visibility = 'hidden';
      this.spans = this.text.map(ch => {
        const span = L.DomUtil.create('span', 'line-label-char', el);
        span.textContent = ch;
        return span;
      });
    },
    onRemove() {
      L.DomUtil.remove(this.el);
    },
    place(kept) {
      const el = this.el;
      if (!el || !this.path) {
        return;
      }
      const step = 13; // px per character: the font's size and a little air
      const frame = map.getContainer().getBoundingClientRect();
      let pts = this.path.map(ll => map.latLngToContainerPoint(ll));
      const stretch = this.text.length * step;
      let chosen = null;
      for (let turn = 0; turn < 2 && !chosen; turn++) {
        const cum = [0];
        for (let i = 1; i < pts.length; i++) {
          cum.push(cum[i - 1] + pts[i].distanceTo(pts[i - 1]));
        }
        const total = cum[cum.length - 1];
        if (total < stretch + step) {
          break; // too short at this zoom
        }
        const free = total - stretch;
        for (const start of [free / 2, free / 4, 3 * free / 4, step / 2, free - step / 2]) {
          const first = along(pts, cum, start), last = along(pts, cum, start + stretch);
          const dx = last.x - first.x, dy = last.y - first.y;
          const steep = Math.abs(dy) > Math.abs(dx);
          if ((steep && dy < 0) || (!steep && dx < 0)) {
            continue; // read the other way: tried on the reversed path
          }
          const chars = [];
          let ok = true, before = null;
          for (let i = 0; i < this.text.length && ok; i++) {
            const s = start + (i + 0.5) * step;
            const p = along(pts, cum, s);
            const a = along(pts, cum, s - step / 2), b = along(pts, cum, s + step / 2);
            const angle = Math.atan2(b.y - a.y, b.x - a.x) * 180 / Math.PI;
            if (before !== null && Math.abs(angle - before) > 40) {
              ok = false; // bends too sharply under the name
            }
            before = angle;
            const r = { left: frame.left + p.x - step / 2, right: frame.left + p.x + step / 2,
              top: frame.top + p.y - step / 2, bottom: frame.top + p.y + step / 2 };
            if (kept.some(k => r.left < k.right && r.right > k.left && r.top < k.bottom && r.bottom > k.top)) {
              ok = false;
            }
            chars.push({ ch: this.text[i], x: p.x, y: p.y, angle: steep ? 0 : angle, box: r });
          }
          if (ok) {
            chosen = chars;
            break;
          }
        }
        pts = pts.slice().reverse();
      }
      this.chars = chosen || [];
      el.dataset.placed = String(!!chosen);
      el.style.visibility = chosen ? 'visible' : 'hidden';
      if (!chosen) {
        return;
      }
      chosen.forEach((c, i) => {
        const lp = map.containerPointToLayerPoint([c.x, c.y]);
        this.spans[i].style.transform = 'translate(' + (lp.x - step / 2) + 'px,' + (lp.y - step / 2) + 'px) rotate(' + c.angle.toFixed(1) + 'deg)';
        kept.push(c.box);
      });
    },
  });

  /** The point at distance s along a path of container points with cumulative lengths cum. */
  function along(pts, cum, s) {
    let i = 1;
    while (i < cum.length - 1 && cum[i] < s) {
      i++;
    }
    const seg = cum[i] - cum[i - 1];
    const f = seg > 0 ? Math.min(1, Math.max(0, (s - cum[i - 1]) / seg)) : 0;
    return L.point(pts[i - 1].x + (pts[i].x - pts[i - 1].x) * f, pts[i - 1].y + (pts[i].y - pts[i - 1].y) * f);
  }

  // names placed along lines, in container pixels: what the browser tests compare with the lines themselves
  window.liuyu.lineLabels = () => {
    const out = [];
    labelLayer.eachLayer(l => {
      if (l.along && l.el && l.el.dataset.placed === 'true') {
        out.push({ layer: l.layerId, feature: l.featureId, name: l.text.join(''),
          chars: l.chars.map(c => ({ ch: c.ch, x: c.x, y: c.y, angle: c.angle })) });
      }
    });
    return out;
  };
  map.on('zoomstart', () => labelLayer.eachLayer(l => { if (l.along && l.el) { l.el.style.visibility = 'hidden'; } }));

  const tileLabels = new Map(); // "layer/id" -> {tooltip, zoom, score}

  /**
   * A name's place in this tile: the centre of its largest outer ring piece (polygons) or the middle of its longest
   * piece (lines). Of the pieces in every tile at this zoom, the largest wins; placeLabels hides those that clash.
   */
  function labelCandidate(layerId, f, geom, k, coords, size) {
    let score = 0, at = null, line = null;
    for (const part of geom) {
      if (f.type === 3) {
        let a = 0, cx = 0, cy = 0;
        for (let j = 0, n = part.length; j < n; j++) {
          const p = part[j], q = part[(j + 1) % n], w = p.x * q.y - q.x * p.y;
          a += w;
          cx += (p.x + q.x) * w;
          cy += (p.y + q.y) * w;
        }
        if (a > score) { // outer rings have positive area in tile coordinates (y down)
          score = a;
          at = [cx / (3 * a), cy / (3 * a)];
        }
      } else if (f.type === 2 && part.length > 1) {
        let len = 0;
        for (let j = 1; j < part.length; j++) {
          len += Math.hypot(part[j].x - part[j - 1].x, part[j].y - part[j - 1].y);
        }
        if (len > score) {
          score = len;
          const mid = part[Math.floor(part.length / 2)];
          at = [mid.x, mid.y];
          line = part;
        }
      }
    }
    if (!at || at[0] < 0 || at[1] < 0 || at[0] * k > size || at[1] * k > size) {
      return; // the piece's centre lies in the tile's buffer: the neighbouring tile names it
    }
    const latlng = map.unproject([coords.x * size + at[0] * k, coords.y * size + at[1] * k], coords.z);
    const key = layerId + '/' + (f.properties.id ?? f.id);
    const known = tileLabels.get(key);
    if (known && known.zoom === coords.z && known.score >= score) {
      return;
    }
    const path = line && map.options.crs === L.CRS.EPSG3857
      ? line.map(p => map.unproject([coords.x * size + p.x * k, coords.y * size + p.y * k], coords.z)) : null;
    if (known) {
      if (known.tooltip.along) {
        known.tooltip.setPath(path);
      } else {
        known.tooltip.setLatLng(latlng);
      }
      Object.assign(known, { zoom: coords.z, score: score });
      return;
    }
    if (path) {
      // a line's name follows the line (its longest piece in the tiles at this zoom), placed by placeLabels
      const label = new LineLabel(path, f.properties.nameZh, layerId, String(f.properties.id ?? f.id));
      label.options.rank = LABELLED.indexOf(layerId);
      label.addTo(labelLayer);
      tileLabels.set(key, { tooltip: label, zoom: coords.z, score: score });
      return;
    }
    const tooltip = L.tooltip({ permanent: true, direction: 'center', interactive: false,
      className: 'map-label' + (layerId === 'districts' ? '' : ' water') + (layerId === 'rivers' ? ' river' : '') })
      .setLatLng(latlng).setContent(esc(f.properties.nameZh));
    tooltip.options.rank = LABELLED.indexOf(layerId);
    tooltip.addTo(labelLayer);
    const el = tooltip.getElement();
    if (el) {
      el.dataset.source = 'tiles';
      el.dataset.layer = layerId;
      el.dataset.feature = String(f.properties.id ?? f.id);
    }
    tileLabels.set(key, { tooltip: tooltip, zoom: coords.z, score: score });
  }

  /** Optional raster tiles of a third party (/map/config xyzTiles), under everything; off unless configured. */
  function addThirdPartyTiles(xyz) {
    if (!xyz) {
      return;
    }
    L.tileLayer(xyz.template, { subdomains: xyz.subdomains.length ? xyz.subdomains : 'abc', attribution: esc(xyz.attribution),
      maxZoom: 18 }).addTo(map);
    document.body.dataset.xyzTiles = 'true';
  }

  /** The quiet base: districts, reservoirs and rivers of the atlas from its own vector tiles, named in Chinese. */
  function addBaseMap(list) {
    const ids = list.map(c => c.id);
    const layers = Object.keys(BASE_STYLE).filter(id => ids.includes(id)).map(id => ({ id: id, style: BASE_STYLE[id] }));
    document.body.dataset.baseLayers = layers.map(l => l.id).join(' ');
    if (!layers.length) {
      return;
    }
    map.createPane('base').style.zIndex = 250; // above third-party tiles (200), below the atlas's overlays (400)
    const base = new VectorTiles({ pane: 'base', layers: layers, labels: true, className: 'base-map' });
    base.on('load', () => {
      placeLabels();
      if (!document.body.dataset.baseMs) {
        // navigation start to the first complete base map: the render-time figure (docs/map.md, BENCHMARKS.md)
        document.body.dataset.baseMs = String(Math.round(performance.now()));
      }
      document.body.dataset.baseLoaded = 'true';
    });
    base.on('loading', () => { document.body.dataset.baseLoaded = 'false'; });
    base.addTo(map);
  }

  /** A layer too large to download whole, drawn from its tiles in its own colour and provenance style. */
  function addTiledCollection(c, index) {
    collections[c.id] = c;
    const style = styleFor(c, index);
    const shown = state.config.demo || c.provenance.method !== 'synthetic';
    if (!map.getPane('tiled')) {
      map.createPane('tiled').style.zIndex = 390;
    }
    const dash = c.provenance.method === 'schematic' ? [6, 4] : c.provenance.method === 'synthetic' ? [2, 3] : null;
    const layer = new VectorTiles({ pane: 'tiled', className: 'tiled-' + c.id, layers: [{ id: c.id, style: {
      fill: c.geometry === 'line' || style.fill === false ? null : style.color, fillAlpha: Math.min(style.fillOpacity ?? 0.2, 0.3),
      stroke: style.color, width: 1, dash: dash } }] });
    const li = legendItem(c, c.featureCount, style, shown);
    li.dataset.tiles = 'true';
    // the first complete drawing after the layer is shown: the render-time figure for large atlases
    layer.on('add', () => { delete li.dataset.drawnMs; });
    layer.on('load', () => {
      li.dataset.drawnMs = li.dataset.drawnMs || String(Math.round(performance.now()));
    });
    if (shown) {
      layer.addTo(map);
    }
    overlays[c.id] = layer;
    if (!state.beijing && c.extent && c.extent.spatial) {
      const b = c.extent.spatial.bbox[0];
      state.beijing = L.latLngBounds([b[1], b[0]], [b[3], b[2]]);
      map.fitBounds(state.beijing);
    }
    legendGroup(groupOf(c)).appendChild(li);
  }

  /** The legend's group for a layer group id: a heading with an opacity slider, and the list of its layers. */
  function legendGroup(id) {
    let li = panel.list.querySelector('li.group[data-group="' + id + '"]');
    if (!li) {
      const g = GROUPS.find(x => x.id === id) || { zh: id, en: id };
      li = document.createElement('li');
      li.className = 'group-item';
      li.classList.add('group');
      li.dataset.group = id;
      li.innerHTML = '<div class="group"><b>' + t(esc(g.zh), esc(g.en)) + '</b>'
        + '<label>' + t('不透明度', 'opacity') + ' <input type="range" min="0" max="100" value="100" data-opacity="' + esc(id) + '"></label></div><ul></ul>';
      li.querySelector('input').addEventListener('input', e => setGroupOpacity(id, Number(e.target.value) / 100));
      // groups keep the GROUPS order whatever order the layers arrive in
      const order = GROUPS.map(x => x.id);
      const after = Array.from(panel.list.children).find(x => order.indexOf(x.dataset.group) > order.indexOf(id));
      panel.list.insertBefore(li, after || null);
    }
    return li.querySelector('ul');
  }

  function setGroupOpacity(id, k) {
    Object.keys(overlays).filter(lid => groupOf(collections[lid]) === id && overlays[lid].setOpacity)
      .forEach(lid => overlays[lid].setOpacity(k)); // drawn from tiles
    Object.keys(overlays).filter(lid => groupOf(collections[lid]) === id && overlays[lid].eachLayer).forEach(lid => overlays[lid].eachLayer(l => {
      if (!l.setStyle) {
        return;
      }
      l.liuyuBase = l.liuyuBase || { opacity: l.options.opacity ?? 1, fillOpacity: l.options.fillOpacity ?? 0.2 };
      l.setStyle({ opacity: l.liuyuBase.opacity * k, fillOpacity: l.liuyuBase.fillOpacity * k });
    }));
    const li = panel.list.querySelector('li.group[data-group="' + id + '"]');
    li.dataset.opacity = String(k);
  }

  function legendItem(c, count, style, shown) {
    const li = document.createElement('li');
    li.dataset.layer = c.id;
    li.dataset.method = c.provenance.method;
    li.dataset.features = String(count);
    li.dataset.visible = String(shown);
    li.innerHTML = '<label><input type="checkbox"' + (shown ? ' checked' : '') + '> <span class="swatch" style="' + swatchStyle(c, style) + '"></span>'
      + t(esc(c.titleZh || c.title), esc(c.title)) + '</label>'
      + ' <span class="method" title="' + esc(c.provenance.source) + '">' + t(esc(METHOD_ZH[c.provenance.method] || c.provenance.method)
      + (c.provenance.authoritative ? '' : '，非权威'), esc(c.provenance.method) + (c.provenance.authoritative ? '' : ', not authoritative'))
      + ', ' + count + '</span>';
    li.querySelector('input').addEventListener('change', e => {
      if (e.target.checked) {
        overlays[c.id].addTo(map);
      } else {
        map.removeLayer(overlays[c.id]);
      }
      li.dataset.visible = String(e.target.checked);
    });
    return li;
  }

  function featurePopup(c, f) {
    const p = f.properties;
    return '<div class="popup" data-layer="' + esc(c.id) + '" data-id="' + esc(f.id) + '">' + bilingual(p.nameZh, p.nameEn)
      + '<br><small>' + t(esc(c.titleZh), esc(c.title)) + '</small><br>' + provenanceLine(p)
      + (p.accuracy ? '<br><small class="note">' + esc(p.accuracy) + '</small>' : '') + '</div>';
  }

  // ------------------------------------------------------------------ click: where am I, which rules

  // a click answers "this place" first, whatever lies under the cursor and at every zoom; the points and
  // lines under it are listed in the answer to choose from
  map.on('click', e => {
    if (state.mode === 'draw') {
      addVertex(e.latlng);
    } else if (state.mode === 'measure') {
      addMeasureVertex(e.latlng);
    } else {
      showPlace(e.latlng.lng, e.latlng.lat, featuresAt(e.containerPoint));
    }
  });

  /** Points within their radius (+4 px) and lines within 6 px of a screen point, in the visible layers, points first. */
  function featuresAt(pt) {
    const found = [];
    Object.keys(overlays).forEach(id => {
      const c = collections[id];
      if (!map.hasLayer(overlays[id]) || c.geometry === 'polygon') {
        return;
      }
      overlays[id].eachLayer(l => {
        let d = Infinity;
        if (l.getRadius) {
          d = map.latLngToContainerPoint(l.getLatLng()).distanceTo(pt) - l.getRadius() - 4;
        } else if (l.getLatLngs) {
          const lines = L.LineUtil.isFlat(l.getLatLngs()) ? [l.getLatLngs()] : l.getLatLngs();
          for (const line of lines) {
            const px = line.map(ll => map.latLngToContainerPoint(ll));
            for (let i = 1; i < px.length; i++) {
              d = Math.min(d, L.LineUtil.pointToSegmentDistance(pt, px[i - 1], px[i]) - 6);
            }
          }
        }
        if (d <= 0) {
          found.push({ c: c, f: l.feature, d: d, rank: c.geometry === 'point' ? 0 : 1 });
        }
      });
    });
    return found.sort((a, b) => a.rank - b.rank || a.d - b.d).slice(0, 12);
  }

  /** /locate and /rules for one point, side by side; the popup names the zones with their provenance. */
  async function showPlace(lon, lat, here) {
    here = here || [];
    placeLayer.clearLayers();
    L.circleMarker([lat, lon], { radius: 5, color: '#000', weight: 2, fillColor: '#ffeb3b', fillOpacity: 1, interactive: false })
      .addTo(placeLayer);
    const q = '?lon=' + lon.toFixed(6) + '&lat=' + lat.toFixed(6);
    panel.answer.dataset.loading = 'true';
    try {
      const [place, rules] = await Promise.all([getJson('/locate' + q), getJson('/rules' + q)]);
      renderPlace(place, rules, here);
      if (state.mode === 'locate') { // drawing or measuring began meanwhile: a popup would sit under the next click
        L.popup({ maxWidth: 320 }).setLatLng([lat, lon]).setContent(placePopup(place)).openOn(map);
      }
    } catch (err) {
      showError(panel.answer, t('此处', 'This place'), err);
    } finally {
      delete panel.answer.dataset.loading;
    }
  }

  function placePopup(place) {
    if (place.within.length === 0) {
      return '<div class="popup">' + t('不在任何图层区域内。', 'In no zone of the atlas.') + '</div>';
    }
    return '<div class="popup">' + place.within.map(z => '<div>' + bilingual(z.nameZh, z.nameEn) + '<br>' + provenanceLine(z.provenance, true)
      + '</div>').join('') + '</div>';
  }

  function renderPlace(a, rules, here) {
    let html = '<h2>' + t('此处', 'This place') + '</h2><p class="coords">' + esc(a.point.lon) + ', ' + esc(a.point.lat) + '</p>';
    if (here.length) {
      html += '<h3>' + t('点击处要素', 'Features under the click') + ' (' + here.length + ')</h3><ul class="here-features">'
        + here.map((h, i) => '<li data-layer="' + esc(h.c.id) + '" data-id="' + esc(h.f.id) + '"><button type="button" data-here="' + i + '">'
          + bilingual(h.f.properties.nameZh || h.f.id, h.f.properties.nameEn) + ' <small>' + t(esc(h.c.titleZh), esc(h.c.title)) + ' · '
          + t(esc(METHOD_ZH[h.f.properties.method || h.c.provenance.method] || ''), esc(h.f.properties.method || h.c.provenance.method))
          + '</small></button></li>').join('') + '</ul>';
    }
    if (state.config.terrain) {
      html += '<button type="button" class="catchment-go" id="catchment-go">' + t('汇水范围', 'What drains here') + '</button>';
    }
    for (const z of a.within) {
      const level = z.properties && z.properties.level != null ? ' data-level="' + esc(z.properties.level) + '"' : '';
      html += '<div class="zone" data-layer="' + esc(z.layer) + '" data-id="' + esc(z.id) + '"' + level + '>' + bilingual(z.nameZh, z.nameEn)
        + '<br><small>' + esc(z.layer) + ' · ' + t('距边界 ' + metres(z.distanceToBoundaryM), metres(z.distanceToBoundaryM) + ' to its boundary') + '</small><br>'
        + provenanceLine(z.provenance)
        + (z.properties && z.properties.planting ? '<br><small>' + esc(z.properties.planting) + '</small>' : '') + '</div>';
    }
    if (a.within.length === 0) {
      html += '<p class="hint">' + t('不在任何图层区域内。', 'In no zone of the atlas.') + '</p>';
    }
    html += '<h3>' + t('适用规则', 'Rules in force here') + '</h3>' + rulesHtml(rules);
    html += notesHtml(a.notesZh, a.notes) + notesHtml(rules.notesZh, rules.notes);
    panel.answer.innerHTML = html;
    panel.answer.querySelectorAll('[data-here]').forEach(b => b.addEventListener('click', () => chooseFeature(here[Number(b.dataset.here)])));
    const go = panel.answer.querySelector('#catchment-go');
    if (go) {
      go.addEventListener('click', () => showCatchment(a.point.lon, a.point.lat));
    }
    panel.answer.dataset.lon = String(a.point.lon);
    panel.answer.dataset.lat = String(a.point.lat);
    panel.answer.dataset.here = String(here.length);
    panel.answer.dataset.zones = String(a.within.length);
    panel.answer.dataset.zoneIds = a.within.map(z => z.id).join(' ');
    reveal(panel.answer);
    panel.answer.dataset.rules = String(rules.zones.reduce((n, z) => n + z.rules.length, 0) + rules.everywhere.length);
    delete panel.answer.dataset.error;
  }

  function rulesHtml(rules) {
    let html = '';
    for (const z of rules.zones) {
      html += '<div class="zone-rules" data-zone="' + esc(z.zone) + '"><h4>' + bilingual(z.nameZh, z.nameEn) + '</h4>'
        + z.rules.map(ruleHtml).join('') + '</div>';
    }
    if (rules.everywhere.length) {
      html += '<div class="zone-rules" data-zone=""><h4><b>' + t('各处适用', 'Everywhere') + '</b></h4>'
        + rules.everywhere.map(ruleHtml).join('') + '</div>';
    }
    return html || '<p class="hint">' + t('此处无区域规则。', 'No zone rule applies here.') + '</p>';
  }

  function ruleHtml(r) {
    const a = r.authority || {};
    return '<div class="rule" data-rule="' + esc(r.id) + '">' + verdictBadge(r.verdict) + ' ' + t(esc(r.titleZh), esc(r.titleEn))
      + '<br><small>' + (a.approves ? t('审批：', 'Approves: ') + esc(a.approves) : '') + (a.consults ? ' · ' + t('征询：', 'Consults: ') + esc(a.consults) : '')
      + '</small><br>' + citations(r.citations)
      + (r.conditions && r.conditions.length ? '<details><summary>' + t('条件', 'Conditions') + ' (' + r.conditions.length + ')</summary><ul>'
        + r.conditions.map(c => '<li>' + verdictBadge(c.verdict) + ' ' + (c.noteZh ? t(esc(c.noteZh), esc(c.note)) : esc(c.note)) + '</li>').join('')
        + '</ul></details>' : '')
      + '</div>';
  }

  // ------------------------------------------------------------------ draw a project, check it

  async function loadActivities() {
    const list = await getJson('/activities');
    panel.activity.innerHTML = list.map(a => '<option value="' + esc(a.id) + '" data-t="' + esc(a.nameZh + '|' + (a.nameEn || a.nameZh)) + '">'
      + esc(a.nameZh) + '</option>').join('');
    window.liuyuLang.refresh();
    list.forEach(a => { state.activities[a.id] = a; });
    panel.activity.disabled = false;
    panel.activity.addEventListener('change', renderAttributes);
    renderAttributes();
  }

  /** Optional facts the activity takes; left blank they are "not stated" and the report says what is undetermined. */
  function renderAttributes() {
    const a = state.activities[panel.activity.value];
    panel.attributes.innerHTML = (a ? a.attributes : []).map(attr => {
      const id = 'attr-' + esc(attr.name);
      let input;
      if (attr.type === 'boolean') {
        input = '<select id="' + id + '" data-attribute="' + esc(attr.name) + '" data-type="boolean"><option value="" data-t="未说明|not stated"></option>'
          + '<option value="true" data-t="是|yes"></option><option value="false" data-t="否|no"></option></select>';
      } else if (attr.type === 'number') {
        input = '<input id="' + id + '" type="number" step="any" data-attribute="' + esc(attr.name) + '" data-type="number" data-t-placeholder="未说明|not stated">';
      } else {
        input = '<select id="' + id + '" data-attribute="' + esc(attr.name) + '" data-type="enum"><option value="" data-t="未说明|not stated"></option>'
          + (attr.values || []).map(v => '<option>' + esc(v) + '</option>').join('') + '</select>';
      }
      return '<div class="row"><label for="' + id + '" title="' + esc(attr.description) + '">' + esc(attr.name) + '</label>' + input + '</div>';
    }).join('');
    window.liuyuLang.refresh();
  }

  function statedAttributes() {
    const out = {};
    panel.attributes.querySelectorAll('[data-attribute]').forEach(input => {
      if (input.value === '') {
        return;
      }
      const type = input.dataset.type;
      out[input.dataset.attribute] = type === 'boolean' ? input.value === 'true' : type === 'number' ? Number(input.value) : input.value;
    });
    return out;
  }

  function startDraw(shape) {
    if (state.mode === 'measure') {
      stopMeasure();
    }
    state.mode = 'draw';
    state.shape = shape;
    state.vertices = [];
    sketchLayer.clearLayers();
    map.closePopup();
    map.doubleClickZoom.disable(); // quick clicks add vertices rather than zoom
    setMode('draw');
    document.querySelectorAll('[data-shape]').forEach(b => b.classList.toggle('active', b.dataset.shape === shape));
    panel.cancel.disabled = false;
    updateSketch();
  }

  function setMode(mode) {
    document.body.dataset.mode = mode;
    document.getElementById('map').dataset.mode = mode;
  }

  function stopDraw() {
    state.mode = 'locate';
    state.shape = null;
    map.doubleClickZoom.enable();
    setMode('locate');
    document.querySelectorAll('[data-shape]').forEach(b => b.classList.remove('active'));
    panel.finish.disabled = true;
    panel.cancel.disabled = true;
  }

  function addVertex(latlng) {
    state.vertices.push([latlng.lng, latlng.lat]);
    updateSketch();
    if (state.shape === 'Point') {
      finishDraw(); // a point needs one click
    }
  }

  const NEEDED = { Point: 1, LineString: 2, Polygon: 3 };

  function updateSketch() {
    sketchLayer.clearLayers();
    const latlngs = state.vertices.map(v => [v[1], v[0]]);
    if (state.shape === 'Polygon' && latlngs.length >= 3) {
      L.polygon(latlngs, { color: '#222', weight: 2, dashArray: '4 3', fillOpacity: 0.1, interactive: false }).addTo(sketchLayer);
    } else if (latlngs.length >= 2) {
      L.polyline(latlngs, { color: '#222', weight: 2, dashArray: '4 3', interactive: false }).addTo(sketchLayer);
    }
    latlngs.forEach(ll => L.circleMarker(ll, { radius: 4, color: '#222', fillColor: '#fff', fillOpacity: 1, interactive: false }).addTo(sketchLayer));
    const need = NEEDED[state.shape] || 0;
    panel.finish.disabled = state.vertices.length < need;
    panel.status.dataset.vertices = String(state.vertices.length);
    panel.status.innerHTML = state.shape
      ? t('点击地图添加顶点：', 'Click the map to add vertices: ') + state.vertices.length + (need > 1 ? ' (≥ ' + need + ')' : '')
      : '';
  }

  function geometry(shape, vertices) {
    if (shape === 'Point') {
      return { type: 'Point', coordinates: vertices[0] };
    }
    if (shape === 'LineString') {
      return { type: 'LineString', coordinates: vertices };
    }
    return { type: 'Polygon', coordinates: [vertices.concat([vertices[0]])] }; // GeoJSON rings are closed
  }

  async function finishDraw() {
    const shape = state.shape;
    if (!shape || state.vertices.length < NEEDED[shape]) {
      return;
    }
    const feature = {
      type: 'Feature',
      properties: Object.assign({ activity: panel.activity.value }, statedAttributes()),
      geometry: geometry(shape, state.vertices),
    };
    stopDraw();
    panel.status.innerHTML = t('检查中…', 'Checking…');
    try {
      const report = await getJson('/checks', {
        method: 'POST',
        // X-Liuyu-Client: every write of this page carries it (the service's CSRF defence for browser credentials)
        headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-Liuyu-Client': 'map' },
        body: JSON.stringify(feature),
      });
      renderReport(report, feature);
      panel.status.textContent = '';
    } catch (err) {
      showError(panel.report, t('检查结果', 'Check report'), err);
      panel.status.textContent = '';
    }
  }

  /** The verdict colours the drawn shape too, so the map itself answers "may this be built here". */
  function renderReport(r, feature) {
    const colour = (VERDICT[r.verdict] || {}).colour || '#555';
    sketchLayer.clearLayers();
    L.geoJSON(feature, {
      style: () => ({ color: colour, weight: 3, fillColor: colour, fillOpacity: 0.25 }),
      pointToLayer: (f, ll) => L.circleMarker(ll, { radius: 8, color: colour, weight: 3, fillColor: colour, fillOpacity: 0.5 }),
      interactive: false,
    }).addTo(sketchLayer);
    const a = state.activities[r.activity] || {};
    let html = '<h2>' + t('检查结果', 'Check report') + '</h2><p class="verdict-line" style="border-color:' + colour + '">' + verdictBadge(r.verdict)
      + ' ' + bilingual(a.nameZh || r.activity, a.nameEn) + ' · ' + esc(feature.geometry.type) + '</p>';
    html += '<h3>' + t('命中规则', 'Rules hit') + ' (' + r.hits.length + ')</h3>';
    html += r.hits.length ? '<ul class="hits">' + r.hits.map(hitHtml).join('') + '</ul>' : '<p class="hint">' + t('无。', 'None.') + '</p>';
    if (r.authorities.length) {
      html += '<h3>' + t('审批与征询', 'Authorities') + '</h3><ul class="authorities">' + r.authorities.map(x => '<li data-rule="' + esc(x.rule) + '">'
        + t('审批：', 'Approves: ') + esc(x.approves) + (x.consults ? '<br>' + t('征询：', 'Consults: ') + esc(x.consults) : '') + '</li>').join('') + '</ul>';
    }
    if (r.downstream.length) {
      html += '<h3>' + t('下游', 'Downstream') + '</h3><ul class="downstream">' + r.downstream.map(d => '<li data-layer="' + esc(d.layer) + '" data-id="'
        + esc(d.id) + '">' + esc(d.nameZh) + ' <small>' + esc(d.layer) + ' · ' + km(d.networkKm) + '</small></li>').join('') + '</ul>';
    }
    if (r.near.length) {
      html += '<h3>' + t('附近', 'Near') + '</h3><ul class="near">' + r.near.map(n => '<li>' + esc(n.nameZh) + ' <small>' + esc(n.layer) + ' · '
        + metres(n.distanceM) + '</small></li>').join('') + '</ul>';
    }
    html += notesHtml(r.notesZh, r.notes);
    html += '<p class="hint"><small>' + esc(r.ruleset) + ' · ' + t('图集', 'atlas') + ' ' + esc(r.atlasVersion) + '</small></p>';
    if (work.auth) {
      html += '<div class="row"><label for="applicant">' + t('申请人', 'Applicant') + '</label><input id="applicant" maxlength="200"></div>'
        + '<div class="row buttons"><button type="button" id="record-report">' + t('记录报告', 'Record this report') + '</button></div><p id="record-status"></p>';
    }
    panel.report.innerHTML = html;
    const record = panel.report.querySelector('#record-report');
    if (record) {
      record.addEventListener('click', () => recordReport(feature));
    }
    panel.report.hidden = false;
    reveal(panel.report);
    panel.report.dataset.verdict = r.verdict;
    panel.report.dataset.hits = String(r.hits.length);
    panel.report.dataset.shape = feature.geometry.type;
    delete panel.report.dataset.error;
  }

  function hitHtml(h) {
    const overlap = h.overlapPercent != null ? ' · ' + esc(h.overlapPercent) + '%'
      : h.overlapLengthM != null ? ' · ' + metres(h.overlapLengthM) : '';
    return '<li class="hit" data-rule="' + esc(h.rule) + '" data-verdict="' + esc(h.verdict) + '">' + verdictBadge(h.verdict) + ' '
      + t(esc(h.titleZh), esc(h.titleEn)) + '<br><small>' + (h.zoneNameZh ? esc(h.zoneNameZh) : t('各处', 'everywhere'))
      + overlap + (h.authoritativeZone ? '' : ' · ' + t('非权威区域', 'non-authoritative zone')) + '</small>'
      + (h.note ? '<br><small>' + (h.noteZh ? t(esc(h.noteZh), esc(h.note)) : esc(h.note)) + '</small>' : '')
      + (h.undetermined ? '<br><small class="note">' + t('未说明 ' + esc(h.undetermined.missingAttribute) + '：若适用则 '
        + esc(h.undetermined.verdictIfItApplies), esc(h.undetermined.missingAttribute) + ' not stated: '
        + esc(h.undetermined.verdictIfItApplies) + ' if it applies') + '</small>' : '')
      + '<br>' + citations(h.citations) + '</li>';
  }

  document.querySelectorAll('[data-shape]').forEach(b => b.addEventListener('click', () => startDraw(b.dataset.shape)));
  panel.finish.addEventListener('click', finishDraw);
  panel.cancel.addEventListener('click', () => {
    stopDraw();
    state.vertices = [];
    sketchLayer.clearLayers();
    panel.status.textContent = '';
  });

  // ------------------------------------------------------------------ sections and outfalls: network and quality

  /** A feature chosen from those under the click: its popup, and for a section or outfall the network panel. */
  function chooseFeature(h) {
    const g = h.f.geometry;
    const at = g.type === 'Point' ? [g.coordinates[1], g.coordinates[0]] : placeLayer.getLayers()[0].getLatLng();
    L.popup({ maxWidth: 320 }).setLatLng(at).setContent(featurePopup(h.c, h.f)).openOn(map);
    if (h.c.geometry === 'point') {
      selectPoint(h.c, h.f);
    }
  }

  /** The network panel for one point feature: mode buttons, a distance, and for a section its water quality. */
  function selectPoint(c, f) {
    const p = f.properties;
    const net = panel.network;
    net.hidden = false;
    net.dataset.source = c.id;
    net.dataset.id = f.id;
    delete net.dataset.reaches;
    delete net.dataset.mode;
    delete net.dataset.error;
    net.innerHTML = '<h2>' + t('上下游', 'Upstream / downstream') + '</h2><p>' + bilingual(p.nameZh, p.nameEn) + '<br><small>'
      + t(esc(c.titleZh), esc(c.title)) + '</small><br>' + provenanceLine(p) + '</p>'
      + (c.id === 'sections' ? '<div id="quality" class="quality"><p class="hint">' + t('水质加载中…', 'Loading water quality…') + '</p></div>' : '')
      + (c.id === 'sections' && work.auth ? '<div id="upload" class="row"><label for="upload-file">' + t('上传监测数据', 'Upload observations')
        + ' (CSV, XLSX)</label><input id="upload-file" type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet">'
        + '<button type="button" id="upload-go">' + t('上传', 'Upload') + '</button><p id="upload-status"></p></div>' : '')
      + (c.id === 'outfalls' ? '<div id="ledger" class="quality"><p class="hint">' + t('台账加载中…', 'Loading the ledger record…') + '</p></div>' : '')
      + '<div class="row"><label for="nav-km">' + t('距离', 'Distance') + ' (km)</label><input id="nav-km" type="number" min="1" max="9999" value="50"></div>'
      + '<div class="row buttons">' + Object.keys(MODES).map(m => '<button type="button" data-nav="' + m + '" title="' + esc(MODES[m].en) + '">'
        + t(esc(MODES[m].zh), esc(MODES[m].en)) + ' ' + m + '</button>').join('') + '</div><div id="nav-result"></div>';
    net.querySelectorAll('[data-nav]').forEach(b => b.addEventListener('click', () =>
      navigate(c.id, f.id, b.dataset.nav, Number(net.querySelector('#nav-km').value) || 50)));
    reveal(net);
    if (c.id === 'sections') {
      showQuality(f.id);
      const go = net.querySelector('#upload-go');
      if (go) {
        go.addEventListener('click', () => uploadObservations(f.id));
      }
    }
    if (c.id === 'outfalls') {
      showLedger(f.id);
    }
  }

  /** An outfall's ledger record: lifecycle state, who approves it, and its compliance flags (docs/outfalls.md). */
  async function showLedger(id) {
    const box = document.getElementById('ledger');
    try {
      const o = await getJson('/outfalls/' + encodeURIComponent(id));
      if (panel.network.dataset.id !== id) {
        return; // another point was clicked meanwhile
      }
      const a = o.assessment;
      const flags = a.flags.map(f => '<li data-flag="' + esc(f.kind) + '">' + esc(f.kind) + ': ' + bilingual(f.titleZh, f.titleEn)
        + ' ' + citations(f.clauses) + '</li>').join('');
      box.innerHTML = '<h3>' + t('台账', 'Ledger') + '</h3><p>' + esc(o.typeZh) + ' · ' + t('状态', 'state') + ' <b>' + t(esc(o.stateZh), esc(o.state)) + '</b>'
        + (o.normallyFlowing ? ' · ' + t('常态有水', 'normally flowing') : '') + '</p>'
        + a.authorities.map(l => '<p><small>' + esc(l.rule) + ':</small> ' + t('审批', 'approves') + ' ' + esc(l.approves)
          + (l.consults ? '<br>' + t('征求意见', 'consults') + ' ' + esc(l.consults) : '') + '</p>').join('')
        + '<p><small>' + t('监管：', 'supervisor: ') + esc(a.supervisor) + '</small></p>'
        + (flags ? '<ul class="flags">' + flags + '</ul>' : '<p class="hint">' + t('无合规提示。', 'No compliance flags.') + '</p>')
        + '<p><a href="/outfalls/' + encodeURIComponent(id) + '/history">' + t('历史', 'history') + '</a></p>';
      box.dataset.state = o.state;
      box.dataset.flags = String(a.flags.length);
    } catch (err) {
      box.innerHTML = '<p class="error">' + esc(err.message) + '</p>';
    }
  }

  /** Reaches (flowlines) drawn as lines, and every linked point layer listed by network distance. */
  async function navigate(source, id, mode, distanceKm) {
    const net = panel.network;
    const result = net.querySelector('#nav-result');
    const base = '/linked-data/' + encodeURIComponent(source) + '/' + encodeURIComponent(id) + '/navigation/' + mode;
    // the map lists each point by how far water travels from the clicked one: Liuyu's semantics, not NLDI's default
    const q = '?distance=' + encodeURIComponent(distanceKm) + '&semantics=liuyu';
    result.innerHTML = '<p class="hint">…</p>';
    navLayer.clearLayers();
    map.closePopup(); // the reaches are the answer now; the popup would hide them
    try {
      const sources = await getJson(base);
      const answers = await Promise.all(sources.map(s => getJson(base + '/' + encodeURIComponent(s.source) + q)
        .then(fc => ({ source: s, features: fc.features }))));
      const reaches = answers.find(a => a.source.source === 'flowlines').features;
      const points = answers.filter(a => a.source.source !== 'flowlines')
        .flatMap(a => a.features.map(f => Object.assign({ layer: a.source.source }, f)))
        .sort((x, y) => x.properties.navigationDistanceKm - y.properties.navigationDistanceKm);
      drawReaches(reaches, mode);
      result.innerHTML = navigationHtml(mode, distanceKm, reaches, points, source, id);
      result.querySelectorAll('[data-lon]').forEach(li => li.addEventListener('click', () =>
        map.panTo([Number(li.dataset.lat), Number(li.dataset.lon)])));
      reveal(net);
      net.dataset.mode = mode;
      net.dataset.reaches = String(reaches.length);
      net.dataset.linked = String(points.length);
      delete net.dataset.error;
    } catch (err) {
      net.dataset.error = 'true';
      result.innerHTML = '<p class="error" role="alert">' + esc(err.message) + '</p>';
    }
  }

  function drawReaches(reaches, mode) {
    const colour = MODES[mode].colour;
    const layer = L.geoJSON({ type: 'FeatureCollection', features: reaches }, {
      style: () => ({ color: colour, weight: 6, opacity: 0.75, className: 'nav-reach', lineCap: 'round' }),
      onEachFeature: (f, l) => l.bindTooltip(esc(f.properties.nameZh) + ' · ' + km(f.properties.navigationDistanceKm)),
    }).addTo(navLayer);
    if (reaches.length) {
      map.fitBounds(layer.getBounds(), { padding: [30, 30], maxZoom: 11 });
    }
  }

  function navigationHtml(mode, distanceKm, reaches, points, source, id) {
    let html = '<h3>' + t(esc(MODES[mode].zh), esc(MODES[mode].en)) + ' · ' + esc(distanceKm) + ' km</h3>'
      + '<p>' + t('河段：', 'Reaches: ') + '<b class="reach-count">' + reaches.length + '</b>'
      + (reaches.length ? ' <small>(' + reaches.map(r => esc(r.properties.nameZh || r.id)).join('、') + ')</small>' : '') + '</p>';
    html += '<h4>' + t('沿线要素（按河网距离）', 'Linked features, by network distance') + '</h4>';
    if (!points.length) {
      return html + '<p class="hint">' + t('无。', 'None.') + '</p>';
    }
    html += '<ol class="linked">' + points.map(f => {
      const p = f.properties;
      const start = f.layer === source && f.id === id;
      const c = f.geometry && f.geometry.type === 'Point' ? f.geometry.coordinates : null;
      return '<li data-layer="' + esc(f.layer) + '" data-id="' + esc(f.id) + '" data-km="' + esc(p.navigationDistanceKm) + '"'
        + (c ? ' data-lon="' + esc(c[0]) + '" data-lat="' + esc(c[1]) + '"' : '') + '><span class="km">' + km(p.navigationDistanceKm)
        + '</span> ' + bilingual(p.nameZh || p.name, p.nameEn) + ' <small>' + esc(f.layer) + ' · ' + esc(p.method || '')
        + (start ? ' · ' + t('起点', 'start') : '') + '</small></li>';
    }).join('') + '</ol>';
    return html;
  }

  /**
   * A section's class for the latest year with samples, its trend against the year before, and the
   * class of each sample in that year. The demo data are synthetic and the answer says so.
   */
  async function showQuality(id) {
    const box = document.getElementById('quality');
    try {
      const thisYear = new Date().getFullYear();
      let latest = null;
      for (let y = thisYear; y >= thisYear - 3 && !latest; y--) {
        const q = await getJson('/sections/' + encodeURIComponent(id) + '/quality?period=' + y);
        if (q.sampleCount > 0) {
          latest = q;
        }
      }
      if (panel.network.dataset.id !== id) {
        return; // another point was clicked meanwhile
      }
      if (!latest) {
        box.innerHTML = '<p class="hint">' + t('近年无监测数据。', 'No samples in recent years.') + '</p>';
        box.dataset.qualityClass = '';
        return;
      }
      const before = await getJson('/sections/' + encodeURIComponent(id) + '/quality?period=' + (Number(latest.period) - 1));
      box.innerHTML = qualityHtml(latest, before);
      window.liuyuLang.refresh(); // the samples' title
      box.dataset.qualityClass = latest.periodMean.waterClass || '';
      box.dataset.trend = trend(latest, before);
    } catch (err) {
      box.innerHTML = '<p class="error">' + esc(err.message) + '</p>';
    }
  }

  function trend(now, before) {
    const a = CLASS_RANK[now.periodMean.waterClass], b = before && CLASS_RANK[before.periodMean.waterClass];
    if (!a || !b) {
      return 'unknown';
    }
    return a < b ? 'better' : a > b ? 'worse' : 'stable';
  }

  const TREND = { better: ['好转', 'better'], worse: ['变差', 'worse'], stable: ['持平', 'stable'], unknown: ['无前期数据', 'no earlier class'] };

  function classBadge(c) {
    return '<span class="class class-' + esc(c) + '" title="' + esc(c) + '">' + esc(CLASS_ZH[c] || c || '—') + '</span>';
  }

  function qualityHtml(q, before) {
    const mean = q.periodMean;
    const tr = trend(q, before);
    return '<h3>' + t('水质', 'Water quality') + ' ' + esc(q.period) + '</h3>'
      + '<p>' + classBadge(mean.waterClass) + ' ' + t('目标', 'target') + ' ' + classBadge(q.targetClass)
      + (q.meetsTarget === true ? ' ✓ ' + t('达标', 'meets target') : q.meetsTarget === false ? ' ✗ ' + t('未达标', 'misses target') : '') + '</p>'
      + '<p>' + t('趋势，对比', 'Trend vs') + ' ' + esc(before.period) + ' (' + esc(CLASS_ZH[before.periodMean.waterClass] || '—') + '): <b class="trend" data-trend="'
      + tr + '">' + t(esc(TREND[tr][0]), esc(TREND[tr][1])) + '</b></p>'
      + (mean.classSetting && mean.classSetting.length ? '<p><small>' + t('定类因子：', 'class-setting: ') + esc(mean.classSetting.join(', ')) + '</small></p>' : '')
      + '<p class="samples" data-t-title="每次采样的类别|class of each sample">' + q.samples.map(s => '<span class="class class-'
        + esc(s.assessment.waterClass) + '" title="' + esc(s.sampledAt) + '">' + esc((s.sampledAt || '').slice(5, 7)) + '</span>').join('')
      + '</p>' + (q.notes || []).map(n => '<p class="note">' + esc(n) + '</p>').join('');
  }

  // ------------------------------------------------------------------ find: names (pinyin too) and coordinates

  const search = {
    form: document.getElementById('search-form'),
    input: document.getElementById('search'),
    system: document.getElementById('coord-system'),
    results: document.getElementById('search-results'),
  };
  const KIND = { EXACT: ['名称', 'name'], PREFIX: ['名称', 'name'], CONTAINS: ['名称', 'name'], PINYIN_PREFIX: ['拼音', 'pinyin'],
    PINYIN_CONTAINS: ['拼音', 'pinyin'], ENGLISH: ['英文', 'English'] };

  /** Asks /map/search, lists what it found (a typed position first) and goes to the first. */
  search.form.addEventListener('submit', async e => {
    e.preventDefault();
    const q = search.input.value.trim();
    if (!q) {
      return;
    }
    delete search.results.dataset.count;
    try {
      const r = await getJson('/map/search?q=' + encodeURIComponent(q) + '&system=' + encodeURIComponent(search.system.value));
      const items = [];
      if (r.position) {
        items.push({ kind: 'position', lon: r.position.lon, lat: r.position.lat, html: '<span class="kind">' + t('坐标', 'position') + ' · ' + esc(r.position.crs)
          + '</span> ' + esc(r.position.lon) + ', ' + esc(r.position.lat) + (r.position.notes.length ? '<br><small>' + esc(r.position.notes.join('; '))
          + '</small>' : '') });
      }
      r.places.forEach(p => items.push({ kind: 'place', place: p, lon: p.lon, lat: p.lat, html: '<span class="kind">'
        + (KIND[p.match] ? t(KIND[p.match][0], KIND[p.match][1]) : '') + '</span> ' + bilingual(p.nameZh, p.nameEn) + ' <small>'
        + t(esc((collections[p.layer] || {}).titleZh || p.layer), esc((collections[p.layer] || {}).title || p.layer))
        + ' · ' + esc(p.pinyin) + ' · ' + t(esc(METHOD_ZH[p.method] || p.method), esc(p.method)) + '</small>' }));
      search.results.innerHTML = items.length ? items.map((it, i) => '<li data-kind="' + it.kind + '" data-i="' + i + '"'
        + (it.place ? ' data-layer="' + esc(it.place.layer) + '" data-id="' + esc(it.place.id) + '"' : '') + '>' + it.html + '</li>').join('')
        : '<li class="hint" data-kind="none">' + t('未找到', 'Nothing found') + (r.positionProblem ? ': ' + esc(r.positionProblem) : '') + '</li>';
      search.results.querySelectorAll('li[data-i]').forEach(li => li.addEventListener('click', () => goTo(items[Number(li.dataset.i)], li)));
      search.results.dataset.count = String(items.length);
      if (items.length) {
        goTo(items[0], search.results.querySelector('li[data-i="0"]'));
      }
    } catch (err) {
      search.results.innerHTML = '<li class="error" role="alert">' + esc(err.message) + '</li>';
      search.results.dataset.count = '0';
    }
  });

  /** Shows a found place or position and answers "this place" there. */
  function goTo(item, li) {
    search.results.querySelectorAll('li').forEach(x => x.classList.toggle('chosen', x === li));
    const p = item.place;
    if (p && p.bbox[0] !== p.bbox[2]) {
      map.fitBounds([[p.bbox[1], p.bbox[0]], [p.bbox[3], p.bbox[2]]], { maxZoom: 13, animate: false });
    } else {
      map.setView([item.lat, item.lon], Math.max(map.getZoom(), 13), { animate: false });
    }
    showPlace(item.lon, item.lat, []);
  }

  document.getElementById('fit-beijing').addEventListener('click', () => {
    if (state.beijing) {
      map.fitBounds(state.beijing, { animate: false });
    }
  });

  // ------------------------------------------------------------------ measure: geodesic length and area

  const measureUi = {
    result: document.getElementById('measure-result'),
    stop: document.getElementById('measure-stop'),
  };

  document.querySelectorAll('[data-measure]').forEach(b => b.addEventListener('click', () => {
    if (state.mode === 'draw') {
      stopDraw();
    }
    state.mode = 'measure';
    state.measure = { kind: b.dataset.measure, vertices: [], seq: 0 };
    measureLayer.clearLayers();
    map.closePopup();
    map.doubleClickZoom.disable();
    setMode('measure');
    document.querySelectorAll('[data-measure]').forEach(x => x.classList.toggle('active', x === b));
    measureUi.stop.disabled = false;
    measureUi.result.innerHTML = t('点击地图添加测量点。', 'Click the map to add points.');
    ['lengthM', 'areaM2', 'vertices'].forEach(k => delete measureUi.result.dataset[k]);
  }));

  measureUi.stop.addEventListener('click', stopMeasure);

  function stopMeasure() {
    state.mode = 'locate';
    map.doubleClickZoom.enable();
    setMode('locate');
    document.querySelectorAll('[data-measure]').forEach(x => x.classList.remove('active'));
    measureUi.stop.disabled = true;
  }

  /** Each new point redraws the sketch and asks the server for the geodesic figures (GeographicLib, WGS84). */
  async function addMeasureVertex(latlng) {
    const m = state.measure;
    m.vertices.push([latlng.lng, latlng.lat]);
    measureLayer.clearLayers();
    const lls = m.vertices.map(v => [v[1], v[0]]);
    const style = { color: '#d500f9', weight: 3, dashArray: '6 3', fillOpacity: 0.15, interactive: false, className: 'measure-shape' };
    (m.kind === 'area' && lls.length >= 3 ? L.polygon(lls, style) : L.polyline(lls, style)).addTo(measureLayer);
    lls.forEach(ll => L.circleMarker(ll, { radius: 4, color: '#d500f9', fillColor: '#fff', fillOpacity: 1, interactive: false }).addTo(measureLayer));
    const needed = m.kind === 'area' ? 3 : 2;
    if (m.vertices.length < needed) {
      return;
    }
    const seq = ++m.seq;
    const path = m.vertices.map(v => v[0].toFixed(7) + ',' + v[1].toFixed(7)).join(';');
    try {
      const r = await getJson('/map/measure?path=' + encodeURIComponent(path) + '&closed=' + (m.kind === 'area'));
      if (seq !== m.seq || state.measure !== m) {
        return; // a later point has been added meanwhile
      }
      measureUi.result.innerHTML = m.kind === 'area'
        ? t('面积', 'Area') + ' <b>' + esc(r.areaKm2 >= 0.1 ? r.areaKm2.toLocaleString('en', { maximumFractionDigits: 3 }) + ' km²'
          : Math.round(r.areaM2).toLocaleString('en') + ' m²') + '</b> = <b>' + esc(Math.round(r.areaMu).toLocaleString('en')) + ' 亩</b>'
          + ' · ' + t('周长', 'perimeter') + ' <b>' + metres(r.perimeterM) + '</b>'
        : t('长度', 'Length') + ' <b>' + (r.lengthM >= 1000 ? esc((r.lengthM / 1000).toLocaleString('en', { maximumFractionDigits: 3 })) + ' km'
          : Math.round(r.lengthM) + ' m') + '</b>';
      measureUi.result.innerHTML += '<br><small>' + esc(r.method) + '</small>';
      measureUi.result.dataset.lengthM = String(r.lengthM);
      if (r.areaM2 != null) {
        measureUi.result.dataset.areaM2 = String(r.areaM2);
      }
      measureUi.result.dataset.vertices = String(r.vertices);
    } catch (err) {
      measureUi.result.innerHTML = '<span class="error">' + esc(err.message) + '</span>';
    }
  }

  // ------------------------------------------------------------------ catchment: what drains here (needs a DEM in the atlas)

  async function showCatchment(lon, lat) {
    const box = document.getElementById('catchment');
    box.hidden = false;
    ['areaKm2', 'error', 'inside', 'zones'].forEach(k => delete box.dataset[k]);
    box.innerHTML = '<h2>' + t('汇水范围', 'What drains here') + '</h2><p class="hint">' + t('计算中…', 'Delineating…') + '</p>';
    catchmentLayer.clearLayers();
    try {
      const c = await getJson('/catchment?lon=' + lon.toFixed(7) + '&lat=' + lat.toFixed(7));
      const p = c.properties;
      const shape = L.geoJSON(c, { style: () => ({ color: '#00695c', weight: 2, fillColor: '#26a69a', fillOpacity: 0.3, className: 'catchment-area' }),
        interactive: false }).addTo(catchmentLayer);
      L.circleMarker([p.outlet.lat, p.outlet.lon], { radius: 5, color: '#00695c', fillColor: '#fff', fillOpacity: 1, interactive: false })
        .addTo(catchmentLayer);
      map.fitBounds(shape.getBounds(), { padding: [20, 20], animate: false });
      box.innerHTML = '<h2>' + t('汇水范围', 'What drains here') + '</h2><p>' + t('面积', 'Area') + ' <b>' + esc(p.areaKm2) + ' km²</b></p>'
        + '<p><small>' + t('出口', 'outlet') + ' ' + esc(p.outlet.lon) + ', ' + esc(p.outlet.lat) + ' · ' + esc(p.outlet.note) + '</small></p>'
        + (p.zones.length ? '<h3>' + t('涉及区域', 'Zones overlapped') + '</h3><ul class="hits">' + p.zones.map(z => '<li data-layer="' + esc(z.layer)
          + '" data-id="' + esc(z.id) + '">' + esc(z.nameZh) + ' <small>' + esc(z.overlapKm2) + ' km² · ' + esc(Math.round(z.shareOfCatchment * 1000) / 10)
          + '% ' + t('占汇水范围', 'of the catchment') + '</small></li>').join('') + '</ul>' : '')
        + (p.inside.length ? '<h3>' + t('范围内', 'Inside') + '</h3><ul class="hits">' + p.inside.map(z => '<li data-layer="' + esc(z.layer) + '" data-id="'
          + esc(z.id) + '">' + esc(z.nameZh) + ' <small>' + esc(z.layer) + '</small></li>').join('') + '</ul>' : '')
        + '<p><small>' + esc(p.method) + '<br>DEM: ' + esc(p.dem.description) + '</small><br>' + provenanceLine(p.dem.provenance) + '</p>'
        + (p.notes || []).map(n => '<p class="note">' + esc(n) + '</p>').join('');
      box.dataset.areaKm2 = String(p.areaKm2);
      box.dataset.zones = p.zones.map(z => z.id).join(' ');
      box.dataset.inside = p.inside.map(z => z.id).join(' ');
      reveal(box);
    } catch (err) {
      box.dataset.error = 'true';
      box.innerHTML = '<h2>' + t('汇水范围', 'What drains here') + '</h2><p class="error" role="alert">' + esc(err.message) + '</p>';
    }
  }

  // ------------------------------------------------------------------ work: log in, record, list, open and print reports, upload

  // without an identity provider: the development users over HTTP Basic (profile dev), whose credentials live in this
  // page's memory only, never in storage. Every write carries X-Liuyu-Client (the service's CSRF defence for
  // browser-sent credentials)
  const work = {
    auth: null,
    user: null,
    form: document.getElementById('login-form'),
    session: document.getElementById('session'),
    status: document.getElementById('login-status'),
    list: document.getElementById('reports-list'),
    view: document.getElementById('report-view'),
  };
  window.liuyu.work = work; // tests read (and, to simulate a token refused mid-work, set) the credentials in use

  function authed(init) {
    const i = Object.assign({}, init || {});
    // X-Requested-With: a wrong password is then a plain 401, without the Basic challenge that opens the browser's own dialog
    i.headers = Object.assign({ Accept: 'application/json', Authorization: work.auth, 'X-Requested-With': 'XMLHttpRequest' }, i.headers || {});
    return i;
  }

  work.form.addEventListener('submit', async e => {
    e.preventDefault();
    const user = document.getElementById('login-user').value.trim();
    const password = document.getElementById('login-password').value;
    // UTF-8 then base64: btoa alone takes Latin-1 only
    await enter('Basic ' + btoa(String.fromCharCode(...new TextEncoder().encode(user + ':' + password))), user);
  });

  /** Logged in with these credentials (Basic or the provider's bearer token) once the service accepts them. */
  async function enter(auth, user) {
    work.status.textContent = '…';
    const r = await fetch('/check-reports?limit=20', { headers: { Accept: 'application/json', Authorization: auth, 'X-Requested-With': 'XMLHttpRequest' } });
    const body = await r.json().catch(() => null);
    if (r.status === 401) {
      if (idp.login) {
        leave(t('登录已失效，请重新登录。', 'The login is no longer valid; please log in again.'));
      } else {
        work.status.innerHTML = t('用户名或密码错误。', 'Wrong user or password.');
        work.status.dataset.state = 'refused';
      }
      return;
    }
    work.auth = auth;
    work.user = user;
    document.getElementById('login-password').value = '';
    work.form.hidden = true;
    idp.box.hidden = true;
    work.session.hidden = false;
    document.getElementById('session-user').textContent = user;
    document.body.dataset.user = user;
    work.status.dataset.state = 'in';
    if (r.ok) {
      work.status.textContent = '';
      showReports(body);
    } else {
      work.status.innerHTML = t('此用户不能查看检查报告：', 'This user may not read check reports: ') + esc((body && body.detail) || r.status);
    }
  }

  /** Back to logged out, saying why; with the provider, its session token is forgotten too. */
  function leave(why) {
    work.auth = null;
    work.user = null;
    clearTimeout(idp.timer);
    sessionStorage.removeItem(IDP_SESSION);
    work.form.hidden = !!idp.login;
    idp.box.hidden = !idp.login;
    work.session.hidden = true;
    work.list.innerHTML = '';
    work.view.innerHTML = '';
    delete document.body.dataset.user;
    work.status.dataset.state = 'out';
    work.status.innerHTML = why;
  }

  /** A 401 to a request that carried the provider's token: it expired or was revoked, so the page is logged out. */
  function refusedToken(response, init) {
    const sent = init && init.headers && init.headers.Authorization;
    if (response.status === 401 && idp.login && sent && sent === work.auth) {
      leave(t('登录已失效，请重新登录。', 'The login is no longer valid; please log in again.'));
    }
  }

  document.getElementById('logout').addEventListener('click', async () => {
    const stored = idpSession();
    leave(t('已退出。', 'Logged out.'));
    // the provider's own session ends too (OpenID Connect RP-initiated logout), when it offers that
    if (idp.login && stored && stored.idToken) {
      const meta = await discovery().catch(() => null);
      if (meta && meta.end_session_endpoint) {
        const u = new URL(meta.end_session_endpoint);
        u.searchParams.set('id_token_hint', stored.idToken);
        u.searchParams.set('client_id', idp.login.clientId);
        u.searchParams.set('post_logout_redirect_uri', redirectUri());
        location.assign(u.toString());
      }
    }
  });

  // ------------------------------------------------------------------ work: login through the identity provider

  // production (/map/config login): OAuth 2.0 authorization code with PKCE (RFC 7636), the page a public client. The
  // state and code_verifier wait in sessionStorage across the provider's login; the token is kept in sessionStorage
  // (this tab only, gone when it closes) and dropped when it expires or the service refuses it: log in again
  const IDP_PENDING = 'liuyu.idp.pending';
  const IDP_SESSION = 'liuyu.idp.session';
  const idp = { login: null, meta: null, timer: null, box: document.getElementById('idp') };

  function base64url(bytes) {
    return btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  function randomText(bytes) {
    return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
  }

  /** The page itself, as registered with the provider: where it sends the code back and where logout returns. */
  function redirectUri() {
    return location.origin + '/map/';
  }

  async function discovery() {
    if (!idp.meta) {
      idp.meta = await getJson(idp.login.issuer + '/.well-known/openid-configuration');
    }
    return idp.meta;
  }

  function idpSession() {
    try {
      return JSON.parse(sessionStorage.getItem(IDP_SESSION) || 'null');
    } catch (e) {
      return null;
    }
  }

  /** The user's name as the ID token gives it (display only: the service checks the access token itself). */
  function tokenUser(idToken) {
    try {
      const part = idToken.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
      const claims = JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(part), c => c.charCodeAt(0))));
      return claims.preferred_username || claims.name || claims.sub;
    } catch (e) {
      return '?';
    }
  }

  document.getElementById('idp-login').addEventListener('click', async () => {
    try {
      const meta = await discovery();
      const verifier = randomText(48);
      const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
      const state = randomText(24);
      sessionStorage.setItem(IDP_PENDING, JSON.stringify({ state: state, verifier: verifier, back: location.search }));
      const u = new URL(meta.authorization_endpoint);
      u.searchParams.set('response_type', 'code');
      u.searchParams.set('client_id', idp.login.clientId);
      u.searchParams.set('redirect_uri', redirectUri());
      u.searchParams.set('scope', idp.login.scope);
      u.searchParams.set('state', state);
      u.searchParams.set('code_challenge', challenge);
      u.searchParams.set('code_challenge_method', 'S256');
      location.assign(u.toString());
    } catch (err) {
      work.status.innerHTML = t('无法连接身份认证服务：', 'Cannot reach the identity provider: ') + esc(err.message);
      work.status.dataset.state = 'refused';
    }
  });

  /**
   * At start: with the provider configured, finish a login that comes back with ?code=&state= (the code exchanged at
   * the token endpoint with the verifier), or resume the tab's session while its token lasts.
   */
  async function startWork() {
    idp.login = state.config.login || null;
    work.form.hidden = !!idp.login;
    idp.box.hidden = !idp.login;
    document.body.dataset.login = idp.login ? 'provider' : 'basic';
    if (!idp.login) {
      return;
    }
    const q = new URLSearchParams(location.search);
    if (q.has('code') || q.has('error')) {
      const pending = JSON.parse(sessionStorage.getItem(IDP_PENDING) || 'null');
      sessionStorage.removeItem(IDP_PENDING);
      // the code is used once: off the address bar, back to the link the person was on
      history.replaceState(null, '', location.pathname + ((pending && pending.back) || ''));
      try {
        if (q.has('error')) {
          throw new Error(q.get('error_description') || q.get('error'));
        }
        if (!pending || pending.state !== q.get('state')) {
          throw new Error('state 不符 / state does not match');
        }
        const meta = await discovery();
        const r = await fetch(meta.token_endpoint, {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
          body: new URLSearchParams({ grant_type: 'authorization_code', code: q.get('code'), redirect_uri: redirectUri(),
            client_id: idp.login.clientId, code_verifier: pending.verifier }),
        });
        const body = await r.json().catch(() => null);
        if (!r.ok || !body || !body.access_token) {
          throw new Error((body && (body.error_description || body.error)) || String(r.status));
        }
        sessionStorage.setItem(IDP_SESSION, JSON.stringify({ accessToken: body.access_token, idToken: body.id_token || null,
          expiresAt: Date.now() + (Number(body.expires_in) || 300) * 1000, user: tokenUser(body.id_token || body.access_token) }));
      } catch (err) {
        work.status.innerHTML = t('登录失败：', 'Login failed: ') + esc(err.message);
        work.status.dataset.state = 'refused';
        return;
      }
    }
    const stored = idpSession();
    if (!stored) {
      work.status.dataset.state = 'out';
      return;
    }
    if (!(stored.expiresAt > Date.now())) {
      leave(t('登录已过期，请重新登录。', 'The login has expired; please log in again.'));
      return;
    }
    clearTimeout(idp.timer);
    idp.timer = setTimeout(() => leave(t('登录已过期，请重新登录。', 'The login has expired; please log in again.')),
      stored.expiresAt - Date.now());
    await enter('Bearer ' + stored.accessToken, stored.user);
  }

  document.getElementById('reports-refresh').addEventListener('click', () => refreshReports());

  async function refreshReports() {
    try {
      showReports(await getJson('/check-reports?limit=20', authed()));
    } catch (err) {
      work.list.innerHTML = '<li class="error">' + esc(err.message) + '</li>';
    }
  }

  function showReports(listing) {
    work.list.innerHTML = listing.items.length ? listing.items.map(it => '<li data-report="' + esc(it.reportNumber) + '" data-id="'
      + esc(it.reportId) + '">' + verdictBadge(it.verdict) + ' <b>' + esc(it.reportNumber) + '</b> ' + esc(it.applicant || '') + ' <small>'
      + esc(it.activity) + ' · ' + esc((it.recordedAt || '').slice(0, 16).replace('T', ' ')) + ' · ' + esc(it.recordedBy) + '</small>'
      + ' <button type="button" data-open="' + esc(it.reportId) + '">' + t('打开', 'Open') + '</button>'
      + ' <button type="button" data-print="' + esc(it.reportId) + '">' + t('打印', 'Print') + ' (PDF)</button></li>').join('')
      : '<li class="hint">' + t('尚无记录。', 'No recorded reports.') + '</li>';
    work.list.dataset.count = String(listing.numberMatched);
    work.list.querySelectorAll('[data-open]').forEach(b => b.addEventListener('click', () => openReport(b.dataset.open)));
    work.list.querySelectorAll('[data-print]').forEach(b => b.addEventListener('click', () => printReport(b.dataset.print)));
  }

  async function recordReport(feature) {
    const out = panel.report.querySelector('#record-status');
    const applicant = panel.report.querySelector('#applicant').value.trim();
    const body = JSON.parse(JSON.stringify(feature));
    if (applicant) {
      body.properties.applicant = applicant;
    }
    try {
      const recorded = await getJson('/check-reports', authed({
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Liuyu-Client': 'map' },
        body: JSON.stringify(body),
      }));
      out.innerHTML = t('已记录：', 'Recorded: ') + '<b>' + esc(recorded[0].reportNumber) + '</b>';
      panel.report.dataset.recorded = recorded[0].reportNumber;
      refreshReports();
    } catch (err) {
      out.innerHTML = '<span class="error" role="alert">' + esc(err.message) + '</span>';
    }
  }

  async function openReport(id) {
    try {
      const r = await getJson('/check-reports/' + encodeURIComponent(id), authed());
      work.view.innerHTML = '<h3>' + esc(r.reportNumber) + ' ' + verdictBadge(r.report.verdict) + '</h3><p>' + esc(r.applicant || '')
        + ' · ' + esc((r.districts || []).map(d => d.nameZh).join('、')) + '<br><small>' + esc(r.recordedBy) + ' · ' + esc(r.recordedAt)
        + '</small></p><ul class="hits">' + r.report.hits.map(hitHtml).join('') + '</ul>';
      work.view.dataset.report = r.reportNumber;
    } catch (err) {
      work.view.innerHTML = '<p class="error">' + esc(err.message) + '</p>';
    }
  }

  /** The printable PDF, fetched with the credentials (a plain link would not carry them), opened from memory. */
  async function printReport(id) {
    try {
      const r = await fetch('/check-reports/' + encodeURIComponent(id) + '?f=pdf', authed({ headers: { Accept: 'application/pdf' } }));
      if (!r.ok) {
        throw new Error(r.status + ' ' + r.statusText);
      }
      const blob = await r.blob();
      const head = new TextDecoder().decode(await blob.slice(0, 5).arrayBuffer());
      const url = URL.createObjectURL(blob);
      work.view.innerHTML = '<p><a id="pdf-link" href="' + url + '" target="_blank" rel="noopener" download="' + esc(id) + '.pdf">PDF</a> '
        + '<small>' + esc(Math.round(blob.size / 1024)) + ' KB</small></p>';
      work.view.dataset.pdfType = blob.type;
      work.view.dataset.pdfHead = head;
      work.view.dataset.pdfBytes = String(blob.size);
      window.open(url, '_blank', 'noopener');
    } catch (err) {
      work.view.innerHTML = '<p class="error">' + esc(err.message) + '</p>';
    }
  }

  const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

  /** A monitor's CSV or XLSX of observations for one section, sent as it is; the service reads and checks it (docs/quality.md). */
  async function uploadObservations(id) {
    const out = document.getElementById('upload-status');
    const file = document.getElementById('upload-file').files[0];
    if (!file) {
      out.innerHTML = t('请选择文件。', 'Choose a file.');
      return;
    }
    const type = /\.xlsx$/i.test(file.name) ? XLSX : /\.csv$/i.test(file.name) ? 'text/csv' : null;
    if (!type) {
      out.innerHTML = '<span class="error">' + t('只接受 .csv 或 .xlsx 文件。', 'Only .csv or .xlsx files.') + '</span>';
      return;
    }
    try {
      const r = await getJson('/sections/' + encodeURIComponent(id) + '/observations', authed({
        method: 'POST', headers: { 'Content-Type': type, 'X-Liuyu-Client': 'map' }, body: file,
      }));
      out.innerHTML = t('已保存', 'Stored') + ' <b>' + esc(r.stored) + '</b> · ' + t('未变', 'unchanged') + ' ' + esc(r.unchanged) + ' · ' + esc(r.recordedBy);
      out.dataset.stored = String(r.stored);
      showQuality(id);
    } catch (err) {
      out.innerHTML = '<span class="error" role="alert">' + esc(err.message) + '</span>';
      out.dataset.error = 'true';
    }
  }

  // ------------------------------------------------------------------ start

  // the banner first: the map's size is settled before layers are fitted and drawn
  showAtlas().then(() => Promise.all([loadLayers(), loadActivities(), startWork()])).then(() => {
    document.body.dataset.ready = 'true';
    // time from navigation start until every layer is drawn: the tests print it, docs/map.md quotes it
    document.body.dataset.loadMs = String(Math.round(performance.now()));
    const q = new URLSearchParams(location.search);
    if (q.has('lon') && q.has('lat')) {
      return showPlace(Number(q.get('lon')), Number(q.get('lat')));
    }
  }).catch(err => showError(panel.answer, t('此处', 'This place'),
    { html: t('无法加载图集：', 'Could not load the atlas: ') + esc(err.message) }));
})();
