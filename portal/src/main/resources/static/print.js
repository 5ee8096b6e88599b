// The result's print button: shown only when scripts run (the browser's own print works without it).
(function () {
  var button = document.getElementById('print');
  if (button) {
    button.hidden = false;
    button.addEventListener('click', function () { window.print(); });
  }
})();
