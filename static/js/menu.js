// The grouped menu (templates/base.html): one group open at a time is the browser's own
// (<details name="menu">); this closes an open group on a click elsewhere or on Escape.
document.addEventListener("click", function (evento) {
  document.querySelectorAll("details.grupo[open]").forEach(function (grupo) {
    if (!grupo.contains(evento.target)) grupo.open = false;
  });
});
document.addEventListener("keydown", function (evento) {
  if (evento.key !== "Escape") return;
  document.querySelectorAll("details.grupo[open]").forEach(function (grupo) {
    grupo.open = false;
    grupo.querySelector("summary").focus();
  });
});
