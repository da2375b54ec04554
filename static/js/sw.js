/* Service worker of the cortador's page (served at /cortador/sw.js by
 * cobranza/views/cortador.py, which puts PRECARGA and VERSION before this code).
 *
 * It keeps the page, its stylesheet and its script, so the page opens without signal;
 * the route and the results live in localStorage (cortador.js). Network first: with
 * signal the cortador always gets the current page. The API is never cached here.
 */
"use strict";

const CACHE = "cortador-" + (self.VERSION || "0");
const PRECARGA = self.PRECARGA || [];

self.addEventListener("install", function (evento) {
  evento.waitUntil(
    caches.open(CACHE).then(function (cache) { return cache.addAll(PRECARGA); }).then(function () {
      return self.skipWaiting();
    })
  );
});

self.addEventListener("activate", function (evento) {
  evento.waitUntil(
    caches.keys().then(function (nombres) {
      return Promise.all(
        nombres
          .filter(function (nombre) { return nombre.startsWith("cortador-") && nombre !== CACHE; })
          .map(function (nombre) { return caches.delete(nombre); })
      );
    }).then(function () { return self.clients.claim(); })
  );
});

function guardable(peticion) {
  const url = new URL(peticion.url);
  return (
    peticion.method === "GET" &&
    url.origin === self.location.origin &&
    !url.pathname.startsWith("/api/")
  );
}

self.addEventListener("fetch", function (evento) {
  const peticion = evento.request;
  if (!guardable(peticion)) return; // the browser handles it as usual
  evento.respondWith(
    fetch(peticion)
      .then(function (respuesta) {
        // A redirect (to the login page) or an error is not the page to keep.
        if (respuesta.ok && !respuesta.redirected) {
          const copia = respuesta.clone();
          caches.open(CACHE).then(function (cache) { cache.put(peticion, copia); });
        }
        return respuesta;
      })
      .catch(function () {
        return caches.match(peticion, { ignoreSearch: true, ignoreVary: true }).then(function (guardada) {
          return guardada || Response.error();
        });
      })
  );
});
