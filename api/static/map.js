// The map page: Leaflet over an offline basemap (Natural Earth countries from world-atlas,
// converted from TopoJSON in the browser), one circle marker per place with claims.
(function () {
  "use strict";
  const el = document.getElementById("map");
  const map = L.map(el, { worldCopyJump: true, minZoom: 1, maxZoom: 10, zoomSnap: 0.25, fadeAnimation: false }).setView([30, 20], 2);
  map.attributionControl.addAttribution("Countries: Natural Earth");
  // the basemap has its own pane below the markers, whichever of the two loads first
  map.createPane("basemap");
  map.getPane("basemap").style.zIndex = 200;
  window.deploykbMap = map;

  function escapeHtml(text) {
    const div = document.createElement("div");
    div.textContent = String(text);
    return div.innerHTML;
  }

  // Rings that cross the antimeridian jump from +180 to -180; unwrap them so that Leaflet
  // does not draw a line across the whole map (Antarctica, which circles the pole, is left out).
  function unwrapRing(ring) {
    for (let i = 1; i < ring.length; i++) {
      const step = ring[i][0] - ring[i - 1][0];
      if (step > 180) ring[i] = [ring[i][0] - 360, ring[i][1]];
      else if (step < -180) ring[i] = [ring[i][0] + 360, ring[i][1]];
    }
  }

  function unwrapFeature(feature) {
    const g = feature.geometry;
    if (!g) return null;
    const polygons = g.type === "Polygon" ? [g.coordinates] : g.coordinates;
    for (const polygon of polygons) {
      for (const ring of polygon) {
        if (Math.min(...ring.map((c) => c[1])) < -60) return null;
        unwrapRing(ring);
      }
    }
    return feature;
  }

  fetch(el.dataset.basemap)
    .then((r) => r.json())
    .then((world) => {
      const countries = topojson.feature(world, world.objects.countries);
      countries.features = countries.features.map(unwrapFeature).filter(Boolean);
      L.geoJSON(countries, {
        style: { color: "#8a8f98", weight: 0.6, fillColor: "#e9e4d8", fillOpacity: 1 },
        interactive: false,
        pane: "basemap",
      }).addTo(map);
      el.dataset.basemapLoaded = "true";
    })
    .catch((err) => console.warn("basemap failed", err));

  function placeHtml(p) {
    return (
      `<strong>${escapeHtml(p.label)}</strong><br>${p.claims} claim${p.claims === 1 ? "" : "s"}` +
      `<br><a href="${escapeHtml(p.url)}">place page</a>`
    );
  }

  fetch(el.dataset.source)
    .then((r) => r.json())
    .then((collection) => {
      // places at the same point (a country placed at its capital, say) share one popup,
      // so the place under the top marker stays reachable
      const atPoint = new Map();
      collection.features.forEach((f) => {
        const key = f.geometry.coordinates.map((c) => c.toFixed(4)).join(",");
        if (!atPoint.has(key)) atPoint.set(key, []);
        atPoint.get(key).push(f.properties);
      });
      const markers = [];
      collection.features.forEach((f) => {
        const [lon, lat] = f.geometry.coordinates;
        const p = f.properties;
        const marker = L.circleMarker([lat, lon], {
          radius: 6 + 3 * Math.sqrt(p.claims),
          color: "#7a1f1f",
          weight: 2,
          fillColor: "#c0392b",
          fillOpacity: 0.7,
          className: "place-marker",
        });
        const here = atPoint.get(f.geometry.coordinates.map((c) => c.toFixed(4)).join(","));
        marker.bindPopup(here.map(placeHtml).join("<hr>"));
        marker.bindTooltip(here.map((q) => escapeHtml(q.label)).join(", "));
        marker.addTo(map);
        markers.push(marker);
      });
      if (markers.length) {
        map.fitBounds(L.featureGroup(markers).getBounds().pad(0.5), { maxZoom: 6, animate: false });
      }
      el.dataset.markers = String(markers.length);
    })
    .catch((err) => console.warn("places failed", err));
})();
