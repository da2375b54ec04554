/* The cortador's route on the phone, usable without signal.
 *
 * - The route (GET api/v1/cortador/ordenes/) is kept in localStorage, so the page shows it
 *   with no connection (the service worker, sw.js, keeps the page itself).
 * - Each result is saved first in the phone (an outbox in localStorage) with a clave made
 *   here (crypto.randomUUID); it is sent when there is signal: on load, on the 'online'
 *   event and every 15 s. An item leaves the outbox only when the server accepted it (201,
 *   or 200 when that clave had already arrived), so a re-send never records twice.
 * - A refusal (e.g. the order was cancelled because the titular paid) stays on screen with
 *   the server's reason and is not sent again.
 */
(function () {
  "use strict";

  const raiz = document.getElementById("cortador");
  if (!raiz) return;
  const datos = raiz.dataset;
  const prefijo = "cortador:" + datos.usuario + ":";
  const CLAVE_RUTA = prefijo + "ruta";
  const CLAVE_SALIDA = prefijo + "salida";
  const CLAVE_ENVIADAS = prefijo + "enviadas";
  const CADA = 15000;
  // Photos are not kept in localStorage (too big): only in memory until sent.
  const fotos = new Map();
  const pesos = new Intl.NumberFormat("es-MX", { style: "currency", currency: "MXN" });
  const formEjecutada = document.getElementById("form-ejecutada");
  const formNoEjecutada = document.getElementById("form-no-ejecutada");
  let enviando = false;

  // --- storage ---------------------------------------------------------------------------

  function leer(clave, omision) {
    try {
      const valor = JSON.parse(localStorage.getItem(clave));
      return valor === null ? omision : valor;
    } catch (e) {
      return omision;
    }
  }

  function guardar(clave, valor) {
    localStorage.setItem(clave, JSON.stringify(valor));
  }

  function salida() {
    return leer(CLAVE_SALIDA, []);
  }

  function enviadasDeHoy() {
    const hoy = diaLocal(new Date());
    const todas = leer(CLAVE_ENVIADAS, {});
    const deHoy = {};
    Object.keys(todas).forEach(function (folio) {
      if (todas[folio].dia === hoy) deHoy[folio] = todas[folio];
    });
    return deHoy;
  }

  // --- small helpers ---------------------------------------------------------------------

  function dosDigitos(n) {
    return String(n).padStart(2, "0");
  }

  function diaLocal(fecha) {
    return fecha.getFullYear() + "-" + dosDigitos(fecha.getMonth() + 1) + "-" + dosDigitos(fecha.getDate());
  }

  function paraCampoFecha(fecha) {
    return diaLocal(fecha) + "T" + dosDigitos(fecha.getHours()) + ":" + dosDigitos(fecha.getMinutes());
  }

  function hora(iso) {
    const fecha = new Date(iso);
    return dosDigitos(fecha.getHours()) + ":" + dosDigitos(fecha.getMinutes());
  }

  function nuevaClave() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    return Array.from(bytes, function (b) { return b.toString(16).padStart(2, "0"); }).join("");
  }

  function galleta(nombre) {
    const par = document.cookie.split("; ").find(function (c) { return c.startsWith(nombre + "="); });
    return par ? decodeURIComponent(par.slice(nombre.length + 1)) : "";
  }

  function el(etiqueta, atributos, hijos) {
    const nodo = document.createElement(etiqueta);
    Object.entries(atributos || {}).forEach(function ([clave, valor]) {
      if (clave === "texto") nodo.textContent = valor;
      else nodo.setAttribute(clave, valor);
    });
    (hijos || []).forEach(function (hijo) {
      if (hijo) nodo.append(hijo);
    });
    return nodo;
  }

  function textoMotivo(valor) {
    const opcion = formNoEjecutada.querySelector('option[value="' + valor + '"]');
    return opcion ? opcion.textContent : valor;
  }

  function describir(item) {
    if (item.ejecutada) {
      let texto = "Ejecutada " + hora(item.momento);
      if (item.lectura) texto += " · lectura " + item.lectura;
      if (item.fotoOmitida) texto += " · sin foto (no hubo señal)";
      return texto;
    }
    return "No ejecutada: " + textoMotivo(item.motivo);
  }

  // --- drawing ---------------------------------------------------------------------------

  function pintarRed() {
    const aviso = document.getElementById("red");
    if (navigator.onLine) {
      aviso.textContent = "Con conexión: los resultados se envían al guardarlos.";
      aviso.classList.remove("sin-senal");
    } else {
      aviso.textContent = "Sin conexión: los resultados se guardan en el teléfono y se enviarán al volver la señal.";
      aviso.classList.add("sin-senal");
    }
  }

  function estadoDeOrden(item, enviada) {
    if (item && item.error) {
      return el("p", { class: "estado-envio rechazado", texto: "No se aceptó: " + item.error });
    }
    if (item) {
      return el("p", {
        class: "estado-envio pendiente-envio",
        texto: "Guardado en el teléfono · pendiente de enviar (" + describir(item) + ")",
      });
    }
    if (enviada) {
      return el("p", { class: "estado-envio enviado", texto: "Enviado ✓ (" + enviada.descripcion + ")" });
    }
    return null;
  }

  function tarjeta(orden, item, enviada) {
    const li = el("li", { class: "tarjeta orden", "data-folio": orden.folio }, [
      el("div", { class: "encabezado" }, [
        el("b", { texto: orden.orden_ruta + ". " + orden.accion_texto }),
        el("small", { texto: orden.folio }),
      ]),
      el("div", { class: "titular", texto: orden.titular }),
      el("div", { class: "domicilio", texto: orden.domicilio + (orden.colonia ? ", " + orden.colonia : "") }),
      el("small", {
        texto: "Cuenta " + orden.cuenta + (orden.medidor ? " · medidor " + orden.medidor : "") +
          " · ruta " + orden.ruta + (orden.saldo !== null ? " · saldo " + pesos.format(orden.saldo) : ""),
      }),
    ]);
    if (orden.tipo === "reconexion") li.classList.add("reconexion");
    const estado = estadoDeOrden(item, enviada);
    if (estado) {
      li.classList.add(item ? "guardada" : "enviada");
      li.append(estado);
    } else {
      li.append(
        el("div", { class: "acciones" }, [
          el("button", { type: "button", class: "btn-ejecutada primario", "data-folio": orden.folio, texto: "Ejecutada" }),
          el("button", { type: "button", class: "btn-no-ejecutada", "data-folio": orden.folio, texto: "No ejecutada" }),
        ])
      );
    }
    return li;
  }

  function formularioAbierto() {
    return [formEjecutada, formNoEjecutada].find(function (f) { return !f.hidden; });
  }

  function pintar() {
    const ruta = leer(CLAVE_RUTA, null);
    const pendientes = salida();
    const porFolio = new Map(pendientes.map(function (i) { return [i.folio, i]; }));
    const enviadas = enviadasDeHoy();
    const abierto = formularioAbierto();
    if (abierto) raiz.append(abierto); // keep it (and what was typed) while redrawing

    const lista = document.getElementById("ordenes");
    lista.replaceChildren();
    const ordenes = ruta ? ruta.ordenes : [];
    ordenes.forEach(function (orden) {
      lista.append(tarjeta(orden, porFolio.get(orden.folio), enviadas[orden.folio]));
    });
    const info = document.getElementById("ruta-info");
    if (!ruta && !navigator.onLine) {
      info.textContent = "No hay ruta guardada en el teléfono: conéctese para descargarla.";
    }
    if (ruta) {
      const cuando = new Date(ruta.descargada);
      info.textContent = "Ruta descargada el " + diaLocal(cuando).split("-").reverse().join("/") +
        " a las " + hora(ruta.descargada) + " · " + ordenes.length + " órdenes";
      if (!ordenes.length) lista.append(el("li", { texto: "No tiene órdenes pendientes." }));
    }

    const listaSalida = document.getElementById("salida");
    listaSalida.replaceChildren();
    pendientes.forEach(function (item) {
      const renglon = el("li", { "data-clave": item.clave, "data-folio": item.folio }, [
        el("b", { texto: item.folio + " " }),
        el("span", { texto: describir(item) + " · " }),
        item.error
          ? el("span", { class: "rechazado", texto: "No se aceptó: " + item.error })
          : el("span", { class: "pendiente-envio", texto: item.aviso || "pendiente de enviar" }),
      ]);
      if (item.error) {
        renglon.append(el("button", { type: "button", class: "btn-descartar", "data-clave": item.clave, texto: "Descartar" }));
      }
      listaSalida.append(renglon);
    });
    document.getElementById("salida-seccion").hidden = pendientes.length === 0;

    const listaEnviadas = document.getElementById("enviadas");
    listaEnviadas.replaceChildren();
    Object.keys(enviadas).forEach(function (folio) {
      listaEnviadas.append(
        el("li", { "data-folio": folio }, [
          el("b", { texto: folio + " " }),
          el("span", { class: "enviado", texto: enviadas[folio].descripcion + " · enviado ✓" }),
        ])
      );
    });
    document.getElementById("enviadas-seccion").hidden = listaEnviadas.children.length === 0;

    if (abierto) {
      const destino = lista.querySelector('li[data-folio="' + abierto.dataset.folio + '"] .acciones');
      if (destino) destino.after(abierto);
      else abierto.hidden = true;
    }
  }

  // --- the route -------------------------------------------------------------------------

  async function descargarRuta() {
    if (!navigator.onLine) return;
    const ordenes = [];
    let url = datos.urlOrdenes + "?por_pagina=500";
    while (url) {
      const respuesta = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } });
      if (!respuesta.ok) {
        if (respuesta.status === 401 || respuesta.status === 403) {
          document.getElementById("ruta-info").textContent =
            "La sesión terminó: vuelva a entrar para descargar la ruta.";
        }
        return;
      }
      const pagina = await respuesta.json();
      ordenes.push(...pagina.results);
      url = pagina.next;
    }
    guardar(CLAVE_RUTA, { descargada: new Date().toISOString(), ordenes: ordenes });
    pintar();
  }

  // --- the outbox ------------------------------------------------------------------------

  function cambiar(clave, cambios) {
    guardar(CLAVE_SALIDA, salida().map(function (i) { return i.clave === clave ? Object.assign(i, cambios) : i; }));
  }

  function entregado(item) {
    guardar(CLAVE_SALIDA, salida().filter(function (i) { return i.clave !== item.clave; }));
    const enviadas = leer(CLAVE_ENVIADAS, {});
    enviadas[item.folio] = {
      descripcion: describir(item),
      enviado: new Date().toISOString(),
      dia: diaLocal(new Date()),
    };
    guardar(CLAVE_ENVIADAS, enviadas);
    fotos.delete(item.clave);
  }

  function peticion(item) {
    const campos = {
      clave: item.clave,
      ejecutada: item.ejecutada,
      momento: item.momento,
      lectura: item.lectura,
      motivo: item.motivo || "",
      notas: item.notas || "",
    };
    const cabeceras = { "X-CSRFToken": galleta("csrftoken"), Accept: "application/json" };
    const opciones = { method: "POST", credentials: "same-origin", headers: cabeceras };
    if (fotos.has(item.clave)) {
      const formulario = new FormData();
      Object.entries(campos).forEach(function ([clave, valor]) {
        if (valor !== null && valor !== undefined) formulario.append(clave, valor);
      });
      formulario.append("foto", fotos.get(item.clave));
      opciones.body = formulario;
    } else {
      cabeceras["Content-Type"] = "application/json";
      opciones.body = JSON.stringify(campos);
    }
    return opciones;
  }

  async function motivoDeRechazo(respuesta) {
    try {
      const cuerpo = await respuesta.json();
      const campos = Object.values(cuerpo.error.campos || {});
      return campos.length ? campos[0][0] : cuerpo.error.mensaje;
    } catch (e) {
      return "Error " + respuesta.status;
    }
  }

  // "ok" (accepted: out of the outbox), "rechazado" (kept, shown, not re-sent) or "red"
  // (no answer: try again later).
  async function enviar(item) {
    let respuesta;
    try {
      const url = datos.urlResultado.replace(datos.marcaFolio, encodeURIComponent(item.folio));
      respuesta = await fetch(url, peticion(item));
    } catch (e) {
      cambiar(item.clave, { aviso: "sin conexión; se reintentará" });
      return "red";
    }
    if (respuesta.ok) {
      entregado(item);
      return "ok";
    }
    if (respuesta.status === 401 || respuesta.status === 403) {
      cambiar(item.clave, { aviso: "la sesión terminó: vuelva a entrar para enviarlo" });
      return "red";
    }
    if (respuesta.status >= 400 && respuesta.status < 500 && respuesta.status !== 408 && respuesta.status !== 429) {
      cambiar(item.clave, { error: await motivoDeRechazo(respuesta) });
      return "rechazado";
    }
    cambiar(item.clave, { aviso: "el servidor no respondió; se reintentará" });
    return "red";
  }

  async function sincronizar() {
    if (enviando || !navigator.onLine) return 0;
    enviando = true;
    let aceptados = 0;
    try {
      for (const item of salida().filter(function (i) { return !i.error; })) {
        const resultado = await enviar(item);
        if (resultado === "red") break;
        if (resultado === "ok") aceptados += 1;
      }
    } finally {
      enviando = false;
    }
    pintar();
    return aceptados;
  }

  // Send the outbox; then refresh the route when something arrived (or always).
  function enviarYActualizar(siempre) {
    return sincronizar()
      .then(function (aceptados) {
        if (aceptados || siempre) return descargarRuta();
      })
      .catch(function () {});
  }

  function agregar(item) {
    const pendientes = salida().filter(function (i) { return i.folio !== item.folio || i.error; });
    pendientes.push(item);
    guardar(CLAVE_SALIDA, pendientes);
    cerrarFormulario();
    pintar();
    enviarYActualizar(false);
  }

  // --- the forms -------------------------------------------------------------------------

  function abrirFormulario(formulario, folio) {
    cerrarFormulario();
    formulario.reset();
    formulario.dataset.folio = folio;
    formulario.querySelector(".error").textContent = "";
    if (formulario === formEjecutada) {
      document.getElementById("ej-momento").value = paraCampoFecha(new Date());
      document.getElementById("aviso-foto").hidden = navigator.onLine;
    }
    const acciones = document.querySelector('#ordenes li[data-folio="' + folio + '"] .acciones');
    acciones.after(formulario);
    formulario.hidden = false;
    formulario.scrollIntoView({ block: "nearest" });
  }

  function cerrarFormulario() {
    [formEjecutada, formNoEjecutada].forEach(function (f) {
      f.hidden = true;
      raiz.append(f);
    });
  }

  formEjecutada.addEventListener("submit", function (evento) {
    evento.preventDefault();
    const error = document.getElementById("ej-error");
    const momento = document.getElementById("ej-momento").value;
    const lectura = document.getElementById("ej-lectura").value.trim().replace(",", ".");
    if (!momento) {
      error.textContent = "Indique la fecha y hora.";
      return;
    }
    if (lectura && !/^\d+(\.\d{1,2})?$/.test(lectura)) {
      error.textContent = "La lectura debe ser un número (p. ej. 1234.5).";
      return;
    }
    const item = {
      clave: nuevaClave(),
      folio: formEjecutada.dataset.folio,
      ejecutada: true,
      momento: new Date(momento).toISOString(),
      lectura: lectura || null,
      notas: document.getElementById("ej-notas").value.trim(),
      guardado: new Date().toISOString(),
    };
    const foto = document.getElementById("ej-foto").files[0];
    if (foto && navigator.onLine) fotos.set(item.clave, foto);
    else if (foto) item.fotoOmitida = true;
    agregar(item);
  });

  formNoEjecutada.addEventListener("submit", function (evento) {
    evento.preventDefault();
    const motivo = document.getElementById("ne-motivo").value;
    if (!motivo) {
      document.getElementById("ne-error").textContent = "Elija el motivo.";
      return;
    }
    agregar({
      clave: nuevaClave(),
      folio: formNoEjecutada.dataset.folio,
      ejecutada: false,
      momento: new Date().toISOString(),
      lectura: null,
      motivo: motivo,
      notas: document.getElementById("ne-notas").value.trim(),
      guardado: new Date().toISOString(),
    });
  });

  raiz.addEventListener("click", function (evento) {
    const boton = evento.target.closest("button");
    if (!boton) return;
    if (boton.classList.contains("btn-ejecutada")) abrirFormulario(formEjecutada, boton.dataset.folio);
    else if (boton.classList.contains("btn-no-ejecutada")) abrirFormulario(formNoEjecutada, boton.dataset.folio);
    else if (boton.classList.contains("cerrar")) cerrarFormulario();
    else if (boton.classList.contains("btn-descartar")) {
      guardar(CLAVE_SALIDA, salida().filter(function (i) { return i.clave !== boton.dataset.clave; }));
      pintar();
    }
  });

  // --- start -----------------------------------------------------------------------------

  window.addEventListener("online", function () {
    pintarRed();
    enviarYActualizar(true);
  });
  window.addEventListener("offline", pintarRed);
  setInterval(function () { enviarYActualizar(false); }, CADA);

  if ("serviceWorker" in navigator) {
    const listo = document.getElementById("sin-senal-listo");
    navigator.serviceWorker
      .register(datos.urlSw, { scope: datos.alcance })
      .then(function () { return navigator.serviceWorker.ready; })
      .then(function () { listo.textContent = "La página queda guardada en el teléfono: ábrala aunque no haya señal."; })
      .catch(function () { listo.textContent = "Este teléfono no guarda la página: no la recargue sin señal."; });
  }

  pintarRed();
  pintar();
  enviarYActualizar(true);
})();
