// 一括認証's progress page: asks the portal how far the batch is and moves the bar; opens the results when done.
// Without scripts the page's link shows the latest state.
(function () {
  var bar = document.getElementById('bulk-progress');
  var text = document.getElementById('progress-text');
  if (!bar || !window.fetch) {
    return;
  }
  var every = parseInt(bar.getAttribute('data-poll-millis'), 10) || 2000;
  function tick() {
    fetch(bar.getAttribute('data-status-url'), { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (state) {
        if (!state) {
          setTimeout(tick, every);
          return;
        }
        bar.max = state.total;
        bar.value = state.done;
        text.textContent = state.done + ' / ' + state.total + ' 件（' + state.statusText + '）';
        if (state.finished) {
          window.location.assign(bar.getAttribute('data-result-url'));
        } else {
          setTimeout(tick, every);
        }
      })
      .catch(function () { setTimeout(tick, every); });
  }
  setTimeout(tick, every);
})();
