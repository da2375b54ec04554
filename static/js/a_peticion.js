// A <details data-cargar="url"> fetches its body the first time it is opened: the account
// page stays light and the newest movements are one click away.
document.querySelectorAll("details[data-cargar]").forEach(function (detalle) {
  detalle.addEventListener("toggle", function () {
    if (!detalle.open || detalle.dataset.cargado) return;
    detalle.dataset.cargado = "1";
    var destino = detalle.querySelector("[data-destino]");
    fetch(detalle.dataset.cargar, { credentials: "same-origin" })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.text(); })
      .then(function (html) { destino.innerHTML = html; })
      .catch(function () {
        destino.textContent = "No se pudieron cargar los movimientos; use «Ver toda la línea de tiempo».";
        delete detalle.dataset.cargado;
      });
  });
});
