// The map page: every atlas layer from /layers, and /locate on click. No tiles: this machine's
// service must work without any outside network, so the districts are the base map.
(function () {
  'use strict';
  const STYLE = {
    districts: { color: '#777', weight: 1, fillColor: '#f7f7f2', fillOpacity: 0.6 },
    basins: { color: '#3a7ca5', weight: 2, fill: false, dashArray: '6 4' },
    reservoirs: { color: '#1d6fa5', weight: 1, fillColor: '#6fb7e3', fillOpacity: 0.8 },
    'protection-zones': { color: '#b8002e', weight: 1.5, fillColor: '#e07a8f', fillOpacity: 0.25 },
    'shore-bands': { color: '#2e7d32', weight: 1, fillColor: '#81c784', fillOpacity: 0.45 },
    rivers: { color: '#1565c0', weight: 2 },
  };
  const POINT = { sections: '#6a1b9a', outfalls: '#e65100' };
  const fallback = { color: '#555', weight: 1, fillOpacity: 0.15 };

  const map = L.map('map', { preferCanvas: false, attributionControl: true }).setView([40.2, 116.6], 8);
  map.attributionControl.addAttribution('Demo atlas: GSHHG (LGPL-3+), ECharts 4.9.0 outlines (Apache-2.0), schematic and synthetic layers');
  const list = document.getElementById('layer-list');
  const answer = document.getElementById('answer');
  let loaded = 0;

  function esc(s) {
    return String(s == null ? '' : s).replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
  }

  function addLayer(summary, overlays) {
    return fetch(summary.href).then(r => r.json()).then(fc => {
      const style = STYLE[summary.id] || fallback;
      const layer = L.geoJSON(fc, {
        style: () => style,
        interactive: summary.geometry !== 'polygon',
        pointToLayer: (f, latlng) => L.circleMarker(latlng, { radius: 5, color: POINT[summary.id] || '#333', weight: 2, fillOpacity: 0.8 }),
        onEachFeature: (f, l) => l.bindTooltip(esc(f.properties.nameZh) + (f.properties.nameEn ? ' · ' + esc(f.properties.nameEn) : '')),
      }).addTo(map);
      overlays[summary.id] = layer;
      if (summary.id === 'districts') {
        map.fitBounds(layer.getBounds());
      }
      const li = document.createElement('li');
      li.dataset.layer = summary.id;
      li.dataset.features = String(fc.features.length);
      const colour = POINT[summary.id] || style.fillColor || style.color;
      li.innerHTML = '<span class="swatch" style="background:' + colour + '"></span>' + esc(summary.titleZh) + ' ' + esc(summary.titleEn)
        + ' <span class="method">' + esc(summary.provenance.method) + ', ' + fc.features.length + '</span>';
      list.appendChild(li);
      loaded += 1;
      document.body.dataset.layersLoaded = String(loaded);
    });
  }

  function showLocation(lon, lat) {
    return fetch('/locate?lon=' + lon.toFixed(6) + '&lat=' + lat.toFixed(6)).then(r => r.json()).then(a => {
      let html = '<h2>This place</h2><p>' + a.point.lon + ', ' + a.point.lat + '</p>';
      for (const z of a.within) {
        html += '<div class="zone" data-layer="' + esc(z.layer) + '" data-id="' + esc(z.id) + '"><b>' + esc(z.nameZh) + '</b> '
          + esc(z.nameEn || '') + '<br><small>' + esc(z.layer) + ' · ' + z.distanceToBoundaryM + ' m to its boundary · '
          + esc(z.provenance.method) + '</small>'
          + (z.properties.planting ? '<br><small>' + esc(z.properties.planting) + '</small>' : '') + '</div>';
      }
      if (a.within.length === 0) {
        html += '<p class="hint">In no zone of the atlas.</p>';
      }
      for (const n of a.notes) {
        html += '<p class="note">' + esc(n) + '</p>';
      }
      answer.innerHTML = html;
      answer.dataset.zones = String(a.within.length);
    });
  }

  map.on('click', e => showLocation(e.latlng.lng, e.latlng.lat));

  fetch('/layers').then(r => r.json()).then(body => {
    const overlays = {};
    const order = ['districts', 'basins', 'protection-zones', 'shore-bands', 'reservoirs'];
    const layers = body.layers.slice().sort((a, b) => {
      const ia = order.indexOf(a.id), ib = order.indexOf(b.id);
      return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib);
    });
    // draw in a fixed order so small zones stay above the districts
    return layers.reduce((p, s) => p.then(() => addLayer(s, overlays)), Promise.resolve()).then(() => {
      L.control.layers(null, overlays, { collapsed: true }).addTo(map);
      document.body.dataset.ready = 'true';
      const q = new URLSearchParams(location.search);
      if (q.has('lon') && q.has('lat')) {
        return showLocation(Number(q.get('lon')), Number(q.get('lat')));
      }
    });
  }).catch(err => {
    answer.innerHTML = '<p class="note">Could not load the atlas: ' + esc(err) + '</p>';
  });
})();
