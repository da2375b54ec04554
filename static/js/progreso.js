// The progress bar of a background import: ask the server how far the job is until it ends,
// then reload so that the page shows the result the server renders.
(function () {
  var caja = document.getElementById("trabajo");
  if (!caja || caja.dataset.enCurso !== "1") return;
  var url = caja.dataset.estadoUrl;
  function mostrar(avance) {
    document.getElementById("avance").value = avance.porcentaje;
    document.getElementById("porcentaje").textContent = avance.porcentaje;
    document.getElementById("procesadas").textContent = avance.procesadas;
    document.getElementById("total").textContent = avance.total;
    document.getElementById("estado").textContent = avance.estado_texto;
    document.getElementById("etapa").textContent = avance.etapa || "";
  }
  function preguntar() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (respuesta) { return respuesta.json(); })
      .then(function (avance) {
        mostrar(avance);
        if (avance.en_curso) { setTimeout(preguntar, 700); } else { window.location.reload(); }
      })
      .catch(function () { setTimeout(preguntar, 2000); });
  }
  setTimeout(preguntar, 300);
})();
