// Liên thông Gateway operator console: charts from data attributes, and a signed-out live refresh leads to the login.
(function () {
  'use strict';
  var charts = {};

  function draw(root) {
    if (typeof Chart === 'undefined' || !root.querySelectorAll) { return; }
    root.querySelectorAll('canvas[data-chart]').forEach(function (canvas) {
      var data = JSON.parse(canvas.getAttribute('data-chart'));
      var kind = canvas.getAttribute('data-chart-kind');
      if (charts[canvas.id]) { charts[canvas.id].destroy(); }
      var config;
      if (kind === 'throughput') {
        config = { type: 'line', data: { labels: data.labels, datasets: [
          { label: canvas.dataset.labelReceived, data: data.received, borderColor: '#0b5cad', backgroundColor: '#0b5cad', tension: 0.2 },
          { label: canvas.dataset.labelDelivered, data: data.delivered, borderColor: '#1e7a3c', backgroundColor: '#1e7a3c', tension: 0.2 },
          { label: canvas.dataset.labelFailed, data: data.failed, borderColor: '#b3261e', backgroundColor: '#b3261e', tension: 0.2 }
        ] }, options: { animation: false, maintainAspectRatio: false, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } } };
      } else {
        config = { type: 'bar', data: { labels: data.labels, datasets: [
          { label: canvas.dataset.labelRate, data: data.rates, backgroundColor: '#1e7a3c' }
        ] }, options: { animation: false, maintainAspectRatio: false, indexAxis: 'y', scales: { x: { min: 0, max: 100 } } } };
      }
      charts[canvas.id] = new Chart(canvas, config);
    });
  }

  // htmx calls this for the page once loaded and for every part it swaps in, once that part is in place
  // (registered now: the scripts are deferred, htmx fires its first load when the document is ready).
  if (window.htmx) {
    htmx.onLoad(draw);
  } else {
    document.addEventListener('DOMContentLoaded', function () { draw(document); });
  }
  // A live refresh after the session ended gets the login page: go there instead of showing it inside the page.
  document.addEventListener('htmx:beforeSwap', function (event) {
    var url = event.detail.xhr.responseURL || '';
    if (url.indexOf('/console/login') >= 0) {
      event.detail.shouldSwap = false;
      window.location.href = url;
    }
  });
})();
